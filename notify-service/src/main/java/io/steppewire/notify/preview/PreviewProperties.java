package io.steppewire.notify.preview;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param maxRange  the longest {@code from}..{@code to} a backtest may ask for; what it reads is bounded by it (and by
 *                  the history's retention, which is usually shorter)
 * @param maxListed how many alerts the answer lists; the counts cover them all
 */
@ConfigurationProperties("steppewire.notify.preview")
public record PreviewProperties(@DefaultValue("92d") Duration maxRange, @DefaultValue("500") int maxListed) {
}

package io.steppewire.article.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param progressInterval how often the rebuild prints its progress
 * @param pollTimeout      longest wait for records in one poll
 */
@ConfigurationProperties("steppewire.rebuild")
public record RebuildProperties(@DefaultValue("2s") Duration progressInterval, @DefaultValue("1s") Duration pollTimeout) {
}

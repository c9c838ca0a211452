package io.steppewire.notify.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param pollInterval how often an open stream looks for new alerts
 * @param gapGrace     how long a stream waits for a missing sequence number before skipping it (a number
 *                     can be taken by a writer that then lost a race, or one still committing)
 * @param heartbeat    how often an idle stream sends a comment so proxies keep it open
 * @param timeout      how long one stream stays open; clients reconnect with Last-Event-ID
 */
@ConfigurationProperties("steppewire.notify.stream")
public record StreamProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("5s") Duration gapGrace,
                               @DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration timeout) {
}

package io.steppewire.notify.stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param pollInterval how often an open stream looks for new alerts
 * @param gapGrace     how long a stream holds later alerts for a missing sequence number before it passes
 *                     it. It must be longer than a numbering write can take after its number was reserved:
 *                     a number not written by then is taken to be one that never will be (its writer lost a
 *                     race, or failed and numbered the alert again). The writer reserves with one counter
 *                     update per subscription of a batch, then writes all numbers at once, and MongoDB's
 *                     driver waits up to 30 s for a primary; hence 30 s. A stream also passes at once a gap
 *                     below an alert numbered more than twice this long ago.
 * @param heartbeat    how often an idle stream sends a comment so proxies keep it open
 * @param timeout      how long one stream stays open; clients reconnect with Last-Event-ID
 */
@ConfigurationProperties("steppewire.notify.stream")
public record StreamProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("30s") Duration gapGrace,
                               @DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration timeout) {
}

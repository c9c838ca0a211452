package io.steppewire.platform.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How consumers treat a record they failed to process ({@code steppewire.kafka.failures.*}).
 *
 * @param poisonRetries           quick retries of a record that failed for a reason that is not an outage, before it
 *                                goes to the dead-letter topic
 * @param poisonRetryInterval     the pause between those retries
 * @param outageRetryInitialInterval first pause after an outage (store or broker away); doubles up to the maximum
 * @param outageRetryMaxInterval  the longest pause while an outage lasts; retries never stop, so nothing is lost
 */
@ConfigurationProperties("steppewire.kafka.failures")
public record FailurePolicyProperties(@DefaultValue("2") int poisonRetries,
                                      @DefaultValue("200ms") Duration poisonRetryInterval,
                                      @DefaultValue("500ms") Duration outageRetryInitialInterval,
                                      @DefaultValue("10s") Duration outageRetryMaxInterval) {
}

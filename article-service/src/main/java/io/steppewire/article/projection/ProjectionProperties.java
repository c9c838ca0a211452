package io.steppewire.article.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the projection consumes.
 *
 * @param listenersEnabled          false while a rebuild runs in its own process
 * @param poisonRetries             retries of a record that cannot be processed before it goes to the dead-letter topic
 * @param poisonRetryInterval       pause between those retries
 * @param storeRetryInitialInterval first pause after the store was unreachable; doubles up to the maximum
 * @param storeRetryMaxInterval     longest pause between attempts while the store is away; retries never stop
 */
@ConfigurationProperties("steppewire.projection")
public record ProjectionProperties(
        @DefaultValue("true") boolean listenersEnabled,
        @DefaultValue("2") int poisonRetries,
        @DefaultValue("200ms") Duration poisonRetryInterval,
        @DefaultValue("500ms") Duration storeRetryInitialInterval,
        @DefaultValue("10s") Duration storeRetryMaxInterval) {
}

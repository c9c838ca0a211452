package io.steppewire.rates.kafka;

import io.steppewire.events.Topics;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the topics this service writes are created when they do not exist yet.
 *
 * @param partitions        partitions per topic; more partitions allow more instances to share the work
 * @param replicationFactor copies of each partition; 1 suits a single local broker only
 */
@Validated
@ConfigurationProperties("steppewire.topics")
public record TopicSettings(
        @DefaultValue("" + Topics.DEFAULT_PARTITIONS) @Min(1) int partitions,
        @DefaultValue("1") @Min(1) short replicationFactor) {
}

package io.steppewire.platform.kafka;

import io.steppewire.events.Topics;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the topics a service creates are laid out on the cluster ({@code steppewire.topics.*}); retention and
 * record size come from the catalogue ({@link io.steppewire.events.TopicStorage}).
 *
 * @param partitions        env {@code STEPPEWIRE_TOPICS_PARTITIONS}; more partitions let more instances share the work
 * @param replicationFactor env {@code STEPPEWIRE_TOPICS_REPLICATION_FACTOR}; 1 suits a single local broker only
 */
@Validated
@ConfigurationProperties("steppewire.topics")
public record TopicProperties(@DefaultValue("" + Topics.DEFAULT_PARTITIONS) @Min(1) int partitions,
                              @DefaultValue("1") @Min(1) short replicationFactor) {
}

package io.steppewire.notify.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics notify-service writes are created.
 *
 * @param partitions        env {@code STEPPEWIRE_TOPICS_PARTITIONS}
 * @param replicationFactor env {@code STEPPEWIRE_TOPICS_REPLICATION_FACTOR}
 */
@ConfigurationProperties("steppewire.topics")
public record TopicProperties(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {
}

package io.steppewire.ingest.pages;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics this service writes are created ({@code steppewire.topics.*}).
 *
 * @param partitions        partitions of each topic and its dead-letter companion
 * @param replicationFactor replicas of each partition
 */
@ConfigurationProperties("steppewire.topics")
public record TopicProperties(@DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {
}

package io.steppewire.platform.kafka.deadletters;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One record of a dead-letter topic, as an operator sees it: where it is, where it came from, and why it failed.
 *
 * @param partition         its partition in the dead-letter topic
 * @param offset            its offset there
 * @param key               the original key
 * @param originalTopic     the topic it was read from
 * @param originalPartition its partition there
 * @param originalOffset    its offset there
 * @param consumerGroup     the consumer group that failed on it
 * @param reason            why, in words
 * @param exception         the exception's class
 * @param deadLetteredAt    when it was dead-lettered
 * @param valueBytes        the size of the original value
 */
public record DeadLetter(int partition, long offset, @Nullable String key, @Nullable String originalTopic,
                         @Nullable Integer originalPartition, @Nullable Long originalOffset, @Nullable String consumerGroup,
                         @Nullable String reason, @Nullable String exception, Instant deadLetteredAt, int valueBytes) {
}

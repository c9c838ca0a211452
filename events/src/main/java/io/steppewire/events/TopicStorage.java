package io.steppewire.events;

import java.time.Duration;

/**
 * How the broker keeps a topic's records, declared once here for every service that creates the topic.
 *
 * @param retention      how long records are kept; {@link #FOREVER} for topics that are replayed from the beginning
 *                       (a rebuild of the read store, the first-seen index), whose history must stay whole
 * @param maxRecordBytes the largest record the topic accepts; producers writing it (dead-letter producers too) must
 *                       allow a request of this size
 */
public record TopicStorage(Duration retention, int maxRecordBytes) {

    /** Kafka's {@code retention.ms=-1}: nothing is deleted by age. */
    public static final Duration FOREVER = Duration.ofMillis(-1);
    /** Kafka's default largest record (1 MiB plus the batch overhead). */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_048_588;

    public static TopicStorage keepForever(int maxRecordBytes) {
        return new TopicStorage(FOREVER, maxRecordBytes);
    }

    public boolean keepsForever() {
        return retention.isNegative();
    }
}

package io.steppewire.platform.kafka.deadletters;

import org.jspecify.annotations.Nullable;

/**
 * Which dead letters to send back: all of them (every field empty), those of one partition, or an offset range of one
 * partition (both ends included).
 */
public record RedriveRequest(@Nullable Integer partition, @Nullable Long fromOffset, @Nullable Long toOffset) {

    boolean selects(int recordPartition, long offset) {
        return (partition == null || partition == recordPartition)
                && (fromOffset == null || offset >= fromOffset)
                && (toOffset == null || offset <= toOffset);
    }
}

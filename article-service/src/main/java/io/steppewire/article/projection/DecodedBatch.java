package io.steppewire.article.projection;

import io.steppewire.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch of records decoded up to the first one that cannot be read. The good part is projected
 * first; then the bad record is reported by its index so the error handler commits what came before
 * it, retries it a bounded number of times and sends it to the dead-letter topic.
 *
 * @param events      the payloads before the first bad record
 * @param poisonIndex the index of the first bad record, or -1
 * @param poisonCause why it could not be read
 */
public record DecodedBatch<V>(List<V> events, int poisonIndex, @Nullable RuntimeException poisonCause) {

    public static <V> DecodedBatch<V> decode(Topic<V> topic, List<ConsumerRecord<String, byte[]>> records) {
        List<V> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                V event = record.value() == null ? null : topic.valueSerde().deserialize(record.topic(), record.value());
                if (event == null) {
                    return new DecodedBatch<>(events, i, new IllegalArgumentException(
                            "Record at offset " + record.offset() + " of " + record.topic() + " has no payload"));
                }
                events.add(event);
            } catch (RuntimeException e) {
                return new DecodedBatch<>(events, i, e);
            }
        }
        return new DecodedBatch<>(events, -1, null);
    }

    public boolean poisoned() {
        return poisonIndex >= 0;
    }

    /** Hands the first bad record to the error handler, after the good ones were projected. */
    public void reportPoison(List<ConsumerRecord<String, byte[]>> records) {
        if (poisonCause != null) {
            ConsumerRecord<String, byte[]> bad = records.get(poisonIndex);
            throw new BatchListenerFailedException("Cannot read " + bad.topic() + "-" + bad.partition() + "@" + bad.offset()
                    + ": " + poisonCause.getMessage(), poisonCause, poisonIndex);
        }
    }
}

package io.steppewire.article.projection;

import io.steppewire.platform.kafka.MongoOutages;
import io.steppewire.article.store.UpsertOutcome;
import io.steppewire.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Function;

/**
 * The one way every listener projects a batch: decode, write what is readable in one bulk write,
 * then report the first unreadable record. A failed write is reported against the first record of the
 * batch, so the whole batch comes again; upserts make that repeat harmless.
 */
@Component
public class BatchProjection {

    private final ProjectionMetrics metrics;

    public BatchProjection(ProjectionMetrics metrics) {
        this.metrics = metrics;
    }

    public <V> void project(String stream, Topic<V> topic, List<ConsumerRecord<String, byte[]>> records,
                            Function<List<V>, UpsertOutcome> write) {
        DecodedBatch<V> batch = DecodedBatch.decode(topic, records);
        if (!batch.events().isEmpty()) {
            try {
                metrics.recordBatch(stream, () -> write.apply(batch.events()));
            } catch (RuntimeException e) {
                if (MongoOutages.isOutage(e)) {
                    metrics.storeFailed(stream);
                }
                throw new BatchListenerFailedException("Writing " + batch.events().size() + " " + stream
                        + " to the read store failed: " + e.getMessage(), e, 0);
            }
        }
        if (batch.poisoned()) {
            metrics.poisonFound(stream);
            batch.reportPoison(records);
        }
    }
}

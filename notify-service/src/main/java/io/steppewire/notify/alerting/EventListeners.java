package io.steppewire.notify.alerting;

import io.steppewire.events.TraceContext;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.messaging.KafkaConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Consumes articles and rate changes (group {@code notify-service}) and raises the alerts they match.
 * Each polled batch is handled at once, so its alerts cost one bulk write per collection and one wait
 * for Kafka's acknowledgement instead of several round trips per alert.
 */
@Component
public class EventListeners {

    private static final LogAccessor LOG = new LogAccessor(EventListeners.class);

    private final RaiseAlerts raiseAlerts;

    public EventListeners(RaiseAlerts raiseAlerts) {
        this.raiseAlerts = raiseAlerts;
    }

    @KafkaListener(id = "notify-articles", idIsGroup = false, topics = "#{T(io.steppewire.events.Topics).ARTICLES.name()}",
            containerFactory = KafkaConfiguration.ARTICLES_LISTENER_FACTORY, batch = "true")
    public void onArticles(List<ConsumerRecord<String, @Nullable ArticleIngested>> records) {
        handle(records, raiseAlerts::forArticles);
    }

    @KafkaListener(id = "notify-rate-changes", idIsGroup = false, topics = "#{T(io.steppewire.events.Topics).RATE_CHANGES.name()}",
            containerFactory = KafkaConfiguration.RATE_CHANGES_LISTENER_FACTORY, batch = "true")
    public void onRateChanges(List<ConsumerRecord<String, @Nullable RateChanged>> records) {
        handle(records, raiseAlerts::forRateChanges);
    }

    /**
     * Raises the alerts of the readable records before the first unreadable one, then reports that one,
     * so the error handler commits what came before, dead-letters it at once and polls the rest again.
     * When the batch fails, the records are tried one by one to report the first that fails on its own:
     * it alone is retried and dead-lettered, as if records were handled one at a time (processing is
     * idempotent, so the ones before it may run twice).
     */
    static <V> void handle(List<ConsumerRecord<String, @Nullable V>> records, Consumer<List<TracedEvent<V>>> raise) {
        List<TracedEvent<V>> readable = new ArrayList<>(records.size());
        ConsumerRecord<String, @Nullable V> unreadable = null;
        for (ConsumerRecord<String, @Nullable V> record : records) {
            V value = record.value();
            if (value == null) {
                unreadable = record;
                break;
            }
            readable.add(new TracedEvent<>(value, TraceContext.readFrom(record.headers()).orElse(null)));
        }
        try {
            raise.accept(readable);
        } catch (RuntimeException batchFailure) {
            for (int i = 0; i < readable.size(); i++) {
                try {
                    raise.accept(List.of(readable.get(i)));
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("Could not raise the alerts of " + records.get(i).topic() + "-"
                            + records.get(i).partition() + "@" + records.get(i).offset() + ": " + e.getMessage(), e, records.get(i));
                }
            }
        }
        if (unreadable != null) {
            throw new BatchListenerFailedException("Unreadable record " + unreadable.topic() + "-" + unreadable.partition() + "@"
                    + unreadable.offset(), whyUnreadable(unreadable), unreadable);
        }
    }

    private static Exception whyUnreadable(ConsumerRecord<String, ?> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        return failure != null ? failure : new IllegalArgumentException("The record has no value");
    }
}

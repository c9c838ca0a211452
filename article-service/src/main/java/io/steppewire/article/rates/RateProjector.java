package io.steppewire.article.rates;

import io.steppewire.article.projection.BatchProjection;
import io.steppewire.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Projects {@code fx.quotes.v1} into history and latest rates, and {@code fx.rate-changes.v1} into changes. */
@Component
public class RateProjector {

    static final String QUOTES = "quotes";
    static final String CHANGES = "rate-changes";

    private final BatchProjection projection;
    private final RateStore store;

    public RateProjector(BatchProjection projection, RateStore store) {
        this.projection = projection;
        this.store = store;
    }

    @KafkaListener(id = "quote-projection", idIsGroup = false, topics = "#{T(io.steppewire.events.Topics).QUOTES.name()}",
            autoStartup = "${steppewire.projection.listeners-enabled:true}")
    public void projectQuotes(List<ConsumerRecord<String, byte[]>> records) {
        projection.project(QUOTES, Topics.QUOTES, records, store::recordQuotes);
    }

    @KafkaListener(id = "rate-change-projection", idIsGroup = false, topics = "#{T(io.steppewire.events.Topics).RATE_CHANGES.name()}",
            autoStartup = "${steppewire.projection.listeners-enabled:true}")
    public void projectChanges(List<ConsumerRecord<String, byte[]>> records) {
        projection.project(CHANGES, Topics.RATE_CHANGES, records, store::recordChanges);
    }
}

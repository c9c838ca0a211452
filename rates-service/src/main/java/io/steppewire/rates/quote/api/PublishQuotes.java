package io.steppewire.rates.quote.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateQuoted;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * Publishes a checked batch of quotes in one Kafka transaction: readers with {@code read_committed}
 * (the rate-change stream) see all of the batch or none of it. Returns only after the commit, so a
 * client that got its answer knows Kafka has the quotes.
 */
@Service
public class PublishQuotes {

    static final String CE_SOURCE = "/steppewire/rates-service";

    private final KafkaTemplate<String, RateQuoted> quoteTemplate;
    private final Counter published;

    PublishQuotes(KafkaTemplate<String, RateQuoted> quoteTemplate, MeterRegistry registry) {
        this.quoteTemplate = quoteTemplate;
        this.published = Counter.builder("steppewire.rates.api.quotes.published")
                .description("Quotes accepted over HTTP and committed to fx.quotes.v1")
                .register(registry);
    }

    /**
     * @throws QuotePublishingException when Kafka did not commit the batch; then nothing of it is visible
     */
    public void publish(List<RateQuoted> quotes) {
        try {
            quoteTemplate.executeInTransaction(operations -> {
                for (RateQuoted quote : quotes) {
                    ProducerRecord<String, RateQuoted> record = new ProducerRecord<>(Topics.QUOTES.name(), quote.pair(), quote);
                    CloudEvent.of(Topics.QUOTES, quote.quoteId(), CE_SOURCE, quote.asOf(), quote.pair()).writeTo(record.headers());
                    operations.send(record);
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw new QuotePublishingException("Kafka did not accept the batch of " + quotes.size()
                    + " quote(s); nothing was published, so the same request can be sent again", e);
        }
        published.increment(quotes.size());
    }
}

package io.steppewire.rates.quote.publish;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateQuoted;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.List;

/**
 * Publishes a checked batch of quotes in one Kafka transaction: readers with {@code read_committed}
 * (the rate-change stream) see all of the batch or none of it. Returns only after the commit, so a
 * caller that got through knows Kafka has the quotes. Callers count what they published under their own names.
 */
public class PublishQuotes {

    static final String CE_SOURCE = "/steppewire/rates-service";

    private final KafkaTemplate<String, RateQuoted> quoteTemplate;

    public PublishQuotes(KafkaTemplate<String, RateQuoted> quoteTemplate) {
        this.quoteTemplate = quoteTemplate;
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
    }
}

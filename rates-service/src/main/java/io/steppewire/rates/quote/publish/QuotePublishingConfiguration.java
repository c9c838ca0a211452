package io.steppewire.rates.quote.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.rates.settings.RatesSettings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@Configuration(proxyBeanMethods = false)
class QuotePublishingConfiguration {

    /**
     * Transactional and idempotent. The transactional id gets a random part per instance, so two
     * instances never fence each other off.
     */
    @Bean
    ProducerFactory<String, RateQuoted> quoteProducerFactory(KafkaProperties kafka, RatesSettings settings,
                                                             MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        DefaultKafkaProducerFactory<String, RateQuoted> factory = new DefaultKafkaProducerFactory<>(config,
                Topics.QUOTES.keySerde().serializer(), Topics.QUOTES.valueSerde().serializer());
        factory.setTransactionIdPrefix(settings.quoteApi().transactionIdPrefix() + UUID.randomUUID() + "-");
        factory.addListener(new MicrometerProducerListener<>(registry));
        return factory;
    }

    @Bean
    KafkaTemplate<String, RateQuoted> quoteTemplate(ProducerFactory<String, RateQuoted> quoteProducerFactory) {
        KafkaTemplate<String, RateQuoted> template = new KafkaTemplate<>(quoteProducerFactory);
        // Each quote carries the W3C trace context of the request that posted it (traceparent header).
        template.setObservationEnabled(true);
        return template;
    }

    @Bean
    PublishQuotes publishQuotes(KafkaTemplate<String, RateQuoted> quoteTemplate) {
        return new PublishQuotes(quoteTemplate);
    }
}

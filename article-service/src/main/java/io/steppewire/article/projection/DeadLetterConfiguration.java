package io.steppewire.article.projection;

import io.steppewire.article.store.StoreOutages;
import io.steppewire.events.Topic;
import io.steppewire.events.Topics;
import io.steppewire.platform.kafka.CreatedTopics;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.platform.kafka.FailurePolicyProperties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens to a record the projection cannot process, by the platform's {@link DeadLetterPolicy}. One
 * that cannot be read is retried a few times and then goes to its topic's {@code .dlt} with Spring Kafka's
 * {@code kafka_dlt-*} headers and a reason, and the consumer moves on. A write the store refused because
 * it was away is retried with growing pauses for as long as it takes: skipping it would leave the read
 * model wrong for good.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    static final String SOURCE = "/steppewire/article-service";

    static final List<Topic<?>> CONSUMED = List.of(Topics.ARTICLES, Topics.QUOTES, Topics.RATE_CHANGES);

    /** This service writes no topic of its own; the platform creates the dead-letter topics of those it consumes. */
    @Bean
    CreatedTopics projectionTopics() {
        return new CreatedTopics(List.of(), CONSUMED);
    }

    @Bean
    DeadLetterPolicy projectionFailures(FailurePolicyProperties failures) {
        return new DeadLetterPolicy(CONSUMED, failures, List.of(StoreOutages.MONGODB), SOURCE);
    }

    /** Picked up by Boot's listener container factory. */
    @Bean
    DefaultErrorHandler projectionErrorHandler(DeadLetterPolicy policy, KafkaProperties kafka) {
        return policy.errorHandler(deadLetterTemplate(kafka));
    }

    /**
     * Writes dead letters as they came, key and bytes untouched (listeners read raw bytes), in requests as
     * large as the largest dead-letter topic takes: an article may be 6 MB. The platform's
     * {@code DeadLetterPolicy.deadLetterTemplate} would do this, but fails as installed (it passes a null
     * transaction id prefix to the producer factory, which refuses it).
     */
    static KafkaTemplate<String, byte[]> deadLetterTemplate(KafkaProperties kafka) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producer.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                CONSUMED.stream().mapToInt(topic -> topic.deadLetterStorage().maxRecordBytes()).max().orElseThrow());
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer, new StringSerializer(), new ByteArraySerializer()));
    }
}

package io.steppewire.article.projection;

import io.steppewire.platform.kafka.MongoOutages;
import io.steppewire.events.Topic;
import io.steppewire.events.Topics;
import io.steppewire.platform.kafka.ConsumerOutages;
import io.steppewire.platform.kafka.CreatedTopics;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.platform.kafka.FailurePolicyProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;

import java.util.List;

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
        return new DeadLetterPolicy(CONSUMED, failures, List.of(MongoOutages.MONGODB), SOURCE);
    }

    /**
     * Picked up by Boot's listener container factory. Dead letters go through the policy's own template, which
     * takes records as large as the largest dead-letter topic does (an article may be 6 MB); health shows
     * DEGRADED while an outage is waited out.
     */
    @Bean
    DefaultErrorHandler projectionErrorHandler(DeadLetterPolicy policy, KafkaProperties kafka, ConsumerOutages outages) {
        return policy.errorHandler(policy.deadLetterTemplate(kafka.buildProducerProperties()), outages);
    }
}

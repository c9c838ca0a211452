package io.steppewire.notify.messaging;

import io.steppewire.events.Topic;
import io.steppewire.events.Topics;
import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.platform.kafka.ConsumerOutages;
import io.steppewire.platform.kafka.CreatedTopics;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.platform.kafka.MongoOutages;
import io.steppewire.platform.kafka.StaticMembership;
import io.steppewire.platform.kafka.FailurePolicyProperties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import java.util.List;

/**
 * Kafka wiring: the topics this service writes and consumes (created by the platform from the catalogue),
 * the alert producer, and one listener container factory per consumed topic under the platform's
 * dead-letter policy, whose consumers are static group members ({@link StaticMembership}).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    public static final String ARTICLES_LISTENER_FACTORY = "articlesListenerFactory";
    public static final String RATE_CHANGES_LISTENER_FACTORY = "rateChangesListenerFactory";
    /** The CloudEvents source of what this service writes, dead letters of records without one included. */
    public static final String SOURCE = "/steppewire/notify-service";

    private static final List<Topic<?>> CONSUMED = List.of(Topics.ARTICLES, Topics.RATE_CHANGES);

    @Bean
    CreatedTopics notifyTopics() {
        return CreatedTopics.writing(Topics.ALERTS).consuming(Topics.ARTICLES, Topics.RATE_CHANGES);
    }

    @Bean
    KafkaTemplate<String, AlertRaised> alertTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
                new StringSerializer(), Topics.ALERTS.valueSerde()));
    }

    @Bean
    DeadLetterPolicy deadLetterPolicy(FailurePolicyProperties failures) {
        return new DeadLetterPolicy(CONSUMED, failures, List.of(MongoOutages.MONGODB), SOURCE);
    }

    /**
     * Outages are waited out (health says DEGRADED meanwhile); records that can never succeed go to
     * {@code <topic>.dlt} after the policy's retries.
     */
    @Bean
    DefaultErrorHandler deadLettering(DeadLetterPolicy policy, KafkaProperties kafka, ConsumerOutages outages) {
        return policy.errorHandler(policy.deadLetterTemplate(kafka.buildProducerProperties()), outages);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, ArticleIngested> articlesListenerFactory(
            KafkaProperties kafka, ConcurrentKafkaListenerContainerFactoryConfigurer configurer, DefaultErrorHandler deadLettering,
            StaticMembership<Object, Object> membership) {
        return listenerFactory(Topics.ARTICLES, kafka, configurer, deadLettering, membership);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, RateChanged> rateChangesListenerFactory(
            KafkaProperties kafka, ConcurrentKafkaListenerContainerFactoryConfigurer configurer, DefaultErrorHandler deadLettering,
            StaticMembership<Object, Object> membership) {
        return listenerFactory(Topics.RATE_CHANGES, kafka, configurer, deadLettering, membership);
    }

    private static <V> ConcurrentKafkaListenerContainerFactory<String, V> listenerFactory(
            Topic<V> topic, KafkaProperties kafka, ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            DefaultErrorHandler deadLettering, StaticMembership<Object, Object> membership) {
        var consumers = new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(topic.valueSerde()));
        var factory = new ConcurrentKafkaListenerContainerFactory<String, V>();
        @SuppressWarnings({"unchecked", "rawtypes"})
        DefaultKafkaConsumerFactory<Object, Object> untyped = (DefaultKafkaConsumerFactory) consumers;
        @SuppressWarnings({"unchecked", "rawtypes"})
        ConcurrentKafkaListenerContainerFactory<Object, Object> untypedFactory = (ConcurrentKafkaListenerContainerFactory) factory;
        configurer.configure(untypedFactory, untyped);
        untypedFactory.setContainerCustomizer(membership);
        factory.setCommonErrorHandler(deadLettering);
        return factory;
    }
}

package io.steppewire.notify.messaging;

import io.steppewire.events.Topic;
import io.steppewire.events.Topics;
import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka wiring: the topics this service writes, the alert producer, and one listener container
 * factory per consumed topic with bounded retries and a dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    public static final String ARTICLES_LISTENER_FACTORY = "articlesListenerFactory";
    public static final String RATE_CHANGES_LISTENER_FACTORY = "rateChangesListenerFactory";

    @Bean
    NewTopic alertsTopic(TopicProperties topics) {
        return declare(Topics.ALERTS.name(), topics);
    }

    @Bean
    NewTopic alertsDeadLetterTopic(TopicProperties topics) {
        return declare(Topics.ALERTS.deadLetterName(), topics);
    }

    /** This service dead-letters article records it cannot process, so it makes sure the topic exists. */
    @Bean
    NewTopic articlesDeadLetterTopic(TopicProperties topics) {
        return declare(Topics.ARTICLES.deadLetterName(), topics);
    }

    @Bean
    NewTopic rateChangesDeadLetterTopic(TopicProperties topics) {
        return declare(Topics.RATE_CHANGES.deadLetterName(), topics);
    }

    @Bean
    KafkaTemplate<String, AlertRaised> alertTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
                new StringSerializer(), Topics.ALERTS.valueSerde()));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, ArticleIngested> articlesListenerFactory(
            KafkaProperties kafka, ConcurrentKafkaListenerContainerFactoryConfigurer configurer, DefaultErrorHandler deadLettering) {
        return listenerFactory(Topics.ARTICLES, kafka, configurer, deadLettering);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, RateChanged> rateChangesListenerFactory(
            KafkaProperties kafka, ConcurrentKafkaListenerContainerFactoryConfigurer configurer, DefaultErrorHandler deadLettering) {
        return listenerFactory(Topics.RATE_CHANGES, kafka, configurer, deadLettering);
    }

    /**
     * Retries a failing record a few times with growing pauses (a MongoDB or broker hiccup passes), then
     * sends it to {@code <topic>.dlt}; Spring Kafka adds headers naming the original topic, partition,
     * offset, consumer group and the exception.
     */
    @Bean
    DefaultErrorHandler deadLettering(KafkaProperties kafka) {
        Map<Class<?>, Serializer<?>> serializers = new LinkedHashMap<>();
        // Records that failed to deserialise are forwarded as their original bytes.
        serializers.put(byte[].class, new ByteArraySerializer());
        serializers.put(ArticleIngested.class, Topics.ARTICLES.valueSerde());
        serializers.put(RateChanged.class, Topics.RATE_CHANGES.valueSerde());
        // Keys of the consumed topics are strings; the template is untyped because values differ by topic.
        @SuppressWarnings({"unchecked", "rawtypes"})
        Serializer<Object> keys = (Serializer) new StringSerializer();
        KafkaTemplate<Object, Object> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), keys, new DelegatingByTypeSerializer(serializers)));
        var recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, exception) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, -1));
        ExponentialBackOff backOff = new ExponentialBackOff(Duration.ofMillis(500).toMillis(), 2.0);
        backOff.setMaxAttempts(3);
        return new DefaultErrorHandler(recoverer, backOff);
    }

    private static <V> ConcurrentKafkaListenerContainerFactory<String, V> listenerFactory(
            Topic<V> topic, KafkaProperties kafka, ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            DefaultErrorHandler deadLettering) {
        var consumers = new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(topic.valueSerde()));
        var factory = new ConcurrentKafkaListenerContainerFactory<String, V>();
        @SuppressWarnings({"unchecked", "rawtypes"})
        DefaultKafkaConsumerFactory<Object, Object> untyped = (DefaultKafkaConsumerFactory) consumers;
        @SuppressWarnings({"unchecked", "rawtypes"})
        ConcurrentKafkaListenerContainerFactory<Object, Object> untypedFactory = (ConcurrentKafkaListenerContainerFactory) factory;
        configurer.configure(untypedFactory, untyped);
        factory.setCommonErrorHandler(deadLettering);
        return factory;
    }

    private static NewTopic declare(String name, TopicProperties topics) {
        return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor()).build();
    }
}

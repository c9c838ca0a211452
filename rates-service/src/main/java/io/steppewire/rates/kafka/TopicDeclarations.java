package io.steppewire.rates.kafka;

import io.steppewire.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.stream.Stream;

/**
 * Declares the topics rates-service writes, each with its dead-letter companion: quotes (the quote API
 * writes them, and ingest-service declares the same) and rate changes. Existing topics are left as they are.
 */
@Configuration(proxyBeanMethods = false)
class TopicDeclarations {

    @Bean
    KafkaAdmin.NewTopics ratesServiceTopics(TopicSettings settings) {
        return new KafkaAdmin.NewTopics(Stream.of(Topics.QUOTES, Topics.RATE_CHANGES)
                .flatMap(topic -> Stream.of(declare(topic.name(), settings), declare(topic.deadLetterName(), settings)))
                .toArray(NewTopic[]::new));
    }

    private static NewTopic declare(String name, TopicSettings settings) {
        return TopicBuilder.name(name).partitions(settings.partitions()).replicas(settings.replicationFactor()).build();
    }
}

package io.steppewire.ingest.pages;

import io.steppewire.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.Map;

/** Declares the topics ingest-service writes, with their dead-letter companions, so they exist before the first page. */
@Configuration(proxyBeanMethods = false)
class PageTopics {

    @Bean
    KafkaAdmin.NewTopics ingestTopics(TopicProperties topics) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.ARTICLES.name(), topics), topic(Topics.ARTICLES.deadLetterName(), topics),
                topic(Topics.QUOTES.name(), topics), topic(Topics.QUOTES.deadLetterName(), topics));
    }

    /** Matches the producer's max.request.size: one article may carry nearly a whole 5 MB page. */
    static final String MAX_RECORD_BYTES = "6291456";

    private static NewTopic topic(String name, TopicProperties topics) {
        return new NewTopic(name, topics.partitions(), topics.replicationFactor())
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_RECORD_BYTES));
    }
}

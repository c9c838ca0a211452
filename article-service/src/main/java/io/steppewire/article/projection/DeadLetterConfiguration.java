package io.steppewire.article.projection;

import io.steppewire.article.store.StoreFailures;
import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topic;
import io.steppewire.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * What happens to a record the projection cannot process. One that cannot be read is retried a few
 * times and then goes to its topic's {@code .dlt} with Spring Kafka's {@code kafka_dlt-*} headers
 * (original topic, partition, offset, exception and message), and the consumer moves on. A write the
 * store refused because it was away is retried with growing pauses for as long as it takes: skipping
 * it would leave the read model wrong for good.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    static final String SOURCE = "/steppewire/article-service";
    /** Why the record was dead-lettered, in words; set next to Spring Kafka's own headers. */
    public static final String REASON_HEADER = "steppewire_dlt_reason";

    static final List<Topic<?>> CONSUMED = List.of(Topics.ARTICLES, Topics.QUOTES, Topics.RATE_CHANGES);

    @Bean
    KafkaAdmin.NewTopics deadLetterTopics(TopicProperties topics) {
        return new KafkaAdmin.NewTopics(CONSUMED.stream()
                .map(topic -> TopicBuilder.name(topic.deadLetterName()).partitions(topics.partitions())
                        .replicas(topics.replicationFactor()).build())
                .toArray(NewTopic[]::new));
    }

    @Bean
    DefaultErrorHandler projectionErrorHandler(KafkaOperations<?, ?> template, ProjectionProperties properties) {
        // Partition -1 lets the producer choose, so a dead-letter topic may have fewer partitions than its source.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, -1));
        recoverer.setHeadersFunction(DeadLetterConfiguration::deadLetterHeaders);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.poisonRetryInterval().toMillis(), properties.poisonRetries()));
        handler.setBackOffFunction((record, failure) -> StoreFailures.isTransient(failure) ? untilTheStoreIsBack(properties) : null);
        return handler;
    }

    private static ExponentialBackOff untilTheStoreIsBack(ProjectionProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.storeRetryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.storeRetryMaxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
    }

    /**
     * A reason in words, and CloudEvents attributes for a record that arrived without them (the
     * original's own attributes are copied over by the recoverer and win otherwise).
     */
    static Headers deadLetterHeaders(ConsumerRecord<?, ?> record, Exception failure) {
        Headers headers = new RecordHeaders();
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        headers.add(REASON_HEADER, String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
        if (CloudEvent.readFrom(record.headers()).isEmpty()) {
            Topic<?> topic = CONSUMED.stream().filter(t -> t.name().equals(record.topic())).findFirst().orElse(Topics.ARTICLES);
            String id = record.topic() + "-" + record.partition() + "-" + record.offset();
            CloudEvent.of(topic, id, SOURCE, Instant.ofEpochMilli(record.timestamp()),
                    record.key() == null ? null : record.key().toString()).writeTo(headers);
        }
        return headers;
    }
}

package io.steppewire.platform.deadletters;

import io.steppewire.events.Topics;
import io.steppewire.platform.kafka.ConsumerOutages;
import io.steppewire.platform.kafka.CreatedTopics;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.platform.kafka.FailurePolicyProperties;
import io.steppewire.platform.kafka.TransientFailures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A consumer in miniature: records it cannot handle yet (a bug), and records whose store is away for a while. */
@SpringBootApplication
public class DeadLetterTestApplication {

    /** The store is away: a failure worth waiting out. */
    static class StoreAway extends RuntimeException {
        StoreAway() {
            super("store unreachable");
        }
    }

    @Bean
    CreatedTopics topics() {
        return CreatedTopics.writing().consuming(Topics.ARTICLES);
    }

    @Bean
    DeadLetterPolicy deadLetterPolicy(FailurePolicyProperties failures) {
        TransientFailures storeAway = StoreAway.class::isInstance;
        return new DeadLetterPolicy(List.of(Topics.ARTICLES), failures, List.of(storeAway), "/steppewire/test");
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> articlesFactory(KafkaProperties kafka, DeadLetterPolicy policy,
                                                                            ConsumerOutages outages) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, String>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties()));
        factory.setCommonErrorHandler(policy.errorHandler(policy.deadLetterTemplate(kafka.buildProducerProperties()), outages));
        return factory;
    }

    @Component
    static class Articles {
        final Set<String> broken = ConcurrentHashMap.newKeySet();
        final Map<String, AtomicInteger> storeAwayFor = new ConcurrentHashMap<>();
        final List<ConsumerRecord<String, String>> handled = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = "news.articles.v1", groupId = "dead-letter-test", containerFactory = "articlesFactory")
        void on(ConsumerRecord<String, String> record) {
            if (broken.contains(record.key())) {
                throw new IllegalArgumentException("cannot handle " + record.key() + " yet");
            }
            AtomicInteger away = storeAwayFor.get(record.key());
            if (away != null && away.getAndDecrement() > 0) {
                throw new StoreAway();
            }
            handled.add(record);
        }
    }
}

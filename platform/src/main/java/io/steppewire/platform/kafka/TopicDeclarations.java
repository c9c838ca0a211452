package io.steppewire.platform.kafka;

import io.steppewire.events.Topic;
import io.steppewire.events.TopicStorage;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The one place where topics are made: names and storage from the catalogue, layout from {@link TopicProperties}. */
public final class TopicDeclarations {

    public static KafkaAdmin.NewTopics of(List<CreatedTopics> services, TopicProperties layout) {
        Map<String, NewTopic> byName = new LinkedHashMap<>();
        services.forEach(service -> Stream.concat(
                        service.written().stream().flatMap(topic -> Stream.of(topic(topic, layout), deadLetters(topic, layout))),
                        service.consumed().stream().map(topic -> deadLetters(topic, layout)))
                .forEach(topic -> byName.putIfAbsent(topic.name(), topic)));
        return new KafkaAdmin.NewTopics(byName.values().toArray(NewTopic[]::new));
    }

    static NewTopic topic(Topic<?> topic, TopicProperties layout) {
        return declare(topic.name(), topic.storage(), layout);
    }

    static NewTopic deadLetters(Topic<?> topic, TopicProperties layout) {
        return declare(topic.deadLetterName(), topic.deadLetterStorage(), layout);
    }

    private static NewTopic declare(String name, TopicStorage storage, TopicProperties layout) {
        return new NewTopic(name, layout.partitions(), layout.replicationFactor()).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(storage.retention().toMillis()),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(storage.maxRecordBytes())));
    }

    private TopicDeclarations() {
    }
}

package io.steppewire.article.support;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topic;
import io.steppewire.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Plays the upstream services: writes events to the in-process broker the way they do. */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                // As large as ingest-service's requests: an article may be 6 MB.
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_ARTICLE_RECORD_BYTES + 65_536),
                new StringSerializer(), new ByteArraySerializer());
    }

    public <V> void publish(Topic<V> topic, String key, String eventId, V event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), key, topic.valueSerde().serialize(topic.name(), event));
        CloudEvent.of(topic, eventId, "/steppewire/test", Instant.now(), key).writeTo(record.headers());
        send(record);
    }

    /** Bytes as they are, e.g. a record no service could have written. */
    public void publishRaw(String topic, String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker refused " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

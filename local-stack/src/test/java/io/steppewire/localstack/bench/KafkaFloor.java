package io.steppewire.localstack.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The floor of the quote-to-webhook path on the stack's own broker: a bare producer ({@code acks=all}, idempotent, as
 * the services' producers) to a topic of this run, one consumer that POSTs every quote record, signed, to a webhook
 * receiver of the same kind as the stack's subscriber, and only notes when it consumed a page record (the floor of
 * a page becoming a stored article is this hop plus the store floor's article write).
 */
final class KafkaFloor implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final SignedWebhookReceiver receiver;
    private final String secret;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Long> consumed = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread consuming;

    KafkaFloor(String bootstrap, String run, SignedWebhookReceiver receiver, String secret) throws Exception {
        this.topic = "bench-floor-" + run;
        this.receiver = receiver;
        this.secret = secret;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // Six partitions, as the services' topics.
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        consuming = Thread.ofPlatform().name("kafka-floor-consumer").start(this::consume);
    }

    /** Sends one record; {@code key} names it (e.g. {@code quote-17}); answers when the broker acknowledged it. */
    void send(String key) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, key)).get();
    }

    /** When ({@link System#nanoTime()}) the consumer had the record of {@code key}, or {@code null}. */
    Long consumed(String key) {
        return consumed.get(key);
    }

    /** When the webhook receiver had the POST of the quote record {@code key}, or {@code null}. */
    Long delivered(String key) {
        return receiver.arrival(key);
    }

    private void consume() {
        while (running.get()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                consumed.put(record.key(), System.nanoTime());
                if (record.key().startsWith("quote-")) {
                    post(record.key());
                }
            }
            consumer.commitAsync();
        }
        consumer.close();
    }

    private void post(String key) {
        String body = "{\"key\": \"" + key + "\"}";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url())).header("Content-Type", "application/json")
                .header("webhook-id", key).header("webhook-timestamp", timestamp)
                .header("webhook-signature", SignedWebhookReceiver.signature(secret, key, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            System.out.println("floor POST of " + key + " failed: " + e);
        }
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        consuming.join();
        producer.close();
        receiver.close();
    }
}

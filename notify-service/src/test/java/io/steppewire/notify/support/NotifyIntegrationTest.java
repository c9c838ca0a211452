package io.steppewire.notify.support;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topic;
import io.steppewire.events.Topics;
import io.steppewire.events.TraceContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The one Spring context shared by all integration tests: the real service on the module's in-process
 * Kafka broker, mongo-java-server and GreenMail, with retry timings short enough for tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "steppewire.api.key=" + NotifyIntegrationTest.API_KEY,
        "steppewire.topics.partitions=2",
        "steppewire.outbound.allowed-networks=127.0.0.0/8,::1/128",
        "steppewire.outbound.connect-timeout=1s",
        "steppewire.outbound.response-timeout=2s", "steppewire.outbound.exchange-deadline=2s",
        "spring.mail.properties.mail.smtp.connectiontimeout=1000",
        "spring.mail.properties.mail.smtp.timeout=2000",
        "spring.mail.properties.mail.smtp.writetimeout=2000",
        "steppewire.notify.delivery.poll-interval=100ms",
        "steppewire.notify.delivery.max-poll-interval=1s",
        "steppewire.notify.delivery.lease=5s",
        "steppewire.notify.delivery.first-retry-delay=200ms",
        "steppewire.notify.delivery.max-retry-delay=1s",
        "steppewire.notify.delivery.give-up-after=5m",
        "steppewire.notify.delivery.circuit-open-for=2s",
        // Long, so that a test that counts what a first attempt writes does not depend on the machine's speed.
        "steppewire.notify.delivery.first-attempt-wait=2s",
        "steppewire.notify.subscriptions.refresh-interval=300ms",
        "steppewire.notify.stream.poll-interval=100ms",
        // Short to wait out, yet long enough that a test writes a number a stream holds for well within it.
        "steppewire.notify.stream.gap-grace=3s",
        "steppewire.notify.stream.heartbeat=1s",
        "spring.lifecycle.timeout-per-shutdown-phase=5s",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.kafka=WARN",
        "logging.level.de.bwaldvogel.mongo=ERROR",
        "steppewire.notify.keys.lookup-timeout=500ms",
        "steppewire.kafka.instance-id=" + NotifyIntegrationTest.INSTANCE_ID,
})
@Import({RecorderGate.Registration.class, KeyStoreGate.Registration.class, ShiftedClock.Registration.class, StoreWrites.Registration.class})
public abstract class NotifyIntegrationTest {

    protected static final String API_KEY = "notify-test-admin-key";
    /** The random port gives no stable identity: the test names its instance, so consumers join as static members. */
    protected static final String INSTANCE_ID = "notify-test";
    protected static final Duration PATIENCE = Duration.ofSeconds(45);
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    private static KafkaProducer<String, Object> producer;

    @LocalServerPort
    protected int port;

    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", InMemoryMongo::uri);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", InProcessSmtp::port);
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
        if (rawProducer != null) {
            rawProducer.close();
            rawProducer = null;
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .header("X-Api-Key", API_KEY).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected HttpResponse<String> putJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .header("X-Api-Key", API_KEY).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected HttpResponse<String> deleteWithKey(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("X-Api-Key", API_KEY).DELETE());
    }

    /** A subscriber key as issued: its id and the key itself. */
    protected record IssuedKey(String id, String key) {
    }

    /** Issues a subscriber key with the admin key. */
    protected IssuedKey issueKey(String name) {
        HttpResponse<String> issued = postJson("/api/keys", "{\"name\": \"" + name + "\"}");
        if (issued.statusCode() != 201) {
            throw new AssertionError("Key refused: " + issued.statusCode() + " " + issued.body());
        }
        var body = JSON.readTree(issued.body());
        return new IssuedKey(body.path("id").asString(), body.path("key").asString());
    }

    /** Sends a request with the given X-Api-Key ({@code null}: none), and a JSON body when one is given. */
    protected HttpResponse<String> sendAs(String key, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        return send(request);
    }

    /** Creates a subscription with a subscriber key and returns its id. */
    protected String subscribeAs(String key, String json) {
        HttpResponse<String> created = sendAs(key, "POST", "/api/subscriptions", json);
        if (created.statusCode() != 201) {
            throw new AssertionError("Subscription refused: " + created.statusCode() + " " + created.body());
        }
        return JSON.readTree(created.body()).path("id").asString();
    }

    /** Creates a subscription and returns its id. */
    protected String subscribe(String json) {
        HttpResponse<String> created = postJson("/api/subscriptions", json);
        if (created.statusCode() != 201) {
            throw new AssertionError("Subscription refused: " + created.statusCode() + " " + created.body());
        }
        return JSON.readTree(created.body()).path("id").asString();
    }

    /** A consumer of a topic from its beginning, in a group of its own. */
    protected KafkaConsumer<String, byte[]> readerOf(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Reads {@code alerts.v1} until the alert with this id is there (by its CloudEvents id), and answers its record. */
    protected static ConsumerRecord<String, byte[]> awaitPublishedAlert(KafkaConsumer<String, byte[]> alerts, String alertId) {
        List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            alerts.poll(Duration.ofMillis(500)).forEach(published::add);
            return published.stream().anyMatch(r -> isAlert(r, alertId));
        });
        return published.stream().filter(r -> isAlert(r, alertId)).findFirst().orElseThrow();
    }

    private static boolean isAlert(ConsumerRecord<String, byte[]> record, String alertId) {
        return alertId.equals(CloudEvent.readFrom(record.headers()).map(CloudEvent::id).orElse(null));
    }

    protected HttpResponse<String> getWithKey(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("X-Api-Key", API_KEY).GET());
    }

    /** Publishes an event the way the owning service does: keyed, with CloudEvents headers, acknowledged. */
    protected <V> void publish(Topic<V> topic, String key, String eventId, V event) {
        publish(topic, key, eventId, event, null);
    }

    /** {@link #publish(Topic, String, String, Object) Publishes} an event carrying a W3C {@code traceparent}. */
    protected <V> void publish(Topic<V> topic, String key, String eventId, V event, @Nullable String traceparent) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic.name(), key, event);
        CloudEvent.of(topic, eventId, "/steppewire/test", Instant.now(), key).writeTo(record.headers());
        if (traceparent != null) {
            record.headers().add(TraceContext.TRACEPARENT, traceparent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish to " + topic.name(), e);
        }
    }

    /** Publishes raw bytes, e.g. a record no consumer can read. */
    protected void publishRaw(String topic, String key, byte[] value) {
        try {
            rawProducer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private KafkaProducer<String, Object> producer() {
        if (producer == null) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            org.apache.kafka.common.serialization.Serializer<Object> values = (org.apache.kafka.common.serialization.Serializer)
                    new org.springframework.kafka.support.serializer.DelegatingByTypeSerializer(Map.of(
                            io.steppewire.events.article.ArticleIngested.class, Topics.ARTICLES.valueSerde(),
                            io.steppewire.events.fx.RateChanged.class, Topics.RATE_CHANGES.valueSerde()));
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                    new org.apache.kafka.common.serialization.StringSerializer(), values);
        }
        return producer;
    }

    private static KafkaProducer<String, byte[]> rawProducer;

    private KafkaProducer<String, byte[]> rawProducer() {
        if (rawProducer == null) {
            rawProducer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
        }
        return rawProducer;
    }
}

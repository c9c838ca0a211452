package io.steppewire.platform.deadletters;

import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.platform.kafka.deadletters.DeadLetterTopics;
import io.steppewire.platform.testing.RawHttp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = DeadLetterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.consumer.auto-offset-reset=earliest",
        "spring.kafka.consumer.key-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
        "spring.kafka.consumer.value-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
        "spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.StringSerializer",
        "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.StringSerializer",
        "steppewire.api.key=" + DeadLetterRedriveTest.ADMIN_KEY,
        "steppewire.kafka.failures.poison-retry-interval=10ms",
        "steppewire.kafka.failures.outage-retry-initial-interval=50ms",
        "steppewire.kafka.failures.outage-retry-max-interval=100ms",
        "management.endpoints.web.exposure.include=health",
        "management.endpoint.health.show-details=always"})
class DeadLetterRedriveTest {

    static final String ADMIN_KEY = "dead-letter-admin-key-01";
    private static final Map<String, String> ADMIN = Map.of("X-Api-Key", ADMIN_KEY, "Content-Type", "application/json");

    @LocalServerPort
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;
    @Autowired
    DeadLetterTestApplication.Articles articles;

    private void publish(String key, String value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", brokers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("news.articles.v1", key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRecordThatCannotBeHandledIsDeadLetteredAndComesBackOnceFixed() throws Exception {
        articles.broken.add("bug-1");
        publish("bug-1", "{\"title\":\"needs a fix\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RawHttp.Answer listed = RawHttp.send(port, "GET", "/api/dead-letters/news.articles.v1", ADMIN, "");
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body()).contains("\"key\":\"bug-1\"").contains("cannot handle bug-1 yet")
                    .contains("\"originalTopic\":\"news.articles.v1\"");
        });
        assertThat(articles.handled).noneMatch(r -> r.key().equals("bug-1"));

        articles.broken.remove("bug-1");
        RawHttp.Answer redriven = RawHttp.send(port, "POST", "/api/dead-letters/news.articles.v1/redrive", ADMIN, "{}");
        assertThat(redriven.status()).as(redriven.body()).isEqualTo(200);
        assertThat(redriven.body()).contains("\"redriven\":1");

        await().atMost(Duration.ofSeconds(30)).until(() -> articles.handled.stream().anyMatch(r -> r.key().equals("bug-1")));
        var back = articles.handled.stream().filter(r -> r.key().equals("bug-1")).findFirst().orElseThrow();
        assertThat(back.value()).isEqualTo("{\"title\":\"needs a fix\"}");
        assertThat(back.headers().lastHeader(DeadLetterTopics.REDRIVEN_FROM_HEADER)).isNotNull();
        assertThat(back.headers().lastHeader(DeadLetterPolicy.REASON_HEADER)).isNull();
        assertThat(back.headers().lastHeader("kafka_dlt-original-topic")).isNull();
    }

    @Test
    void anOutageIsWaitedOutWithHealthDegradedAndNothingDeadLettered() throws Exception {
        articles.storeAwayFor.put("outage-1", new AtomicInteger(10));
        publish("outage-1", "{\"title\":\"store away\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(RawHttp.send(port, "GET", "/actuator/health", Map.of(), "").body()).contains("\"DEGRADED\""));
        await().atMost(Duration.ofSeconds(60)).until(() -> articles.handled.stream().anyMatch(r -> r.key().equals("outage-1")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(RawHttp.send(port, "GET", "/actuator/health", Map.of(), "").body()).doesNotContain("DEGRADED").endsWith("\"status\":\"UP\"}"));
        assertThat(RawHttp.send(port, "GET", "/api/dead-letters/news.articles.v1", ADMIN, "").body()).doesNotContain("outage-1");
    }

    @Test
    void deadLettersNeedTheAdminKeyAndOnlyConsumedTopicsHaveThem() throws Exception {
        assertThat(RawHttp.send(port, "GET", "/api/dead-letters/news.articles.v1", Map.of(), "").status()).isEqualTo(401);
        assertThat(RawHttp.send(port, "POST", "/api/dead-letters/news.articles.v1/redrive",
                Map.of("Content-Type", "application/json"), "{}").status()).isEqualTo(401);
        assertThat(RawHttp.send(port, "POST", "/api/dead-letters/news.articles.v1/redrive",
                Map.of("Content-Type", "application/json", "X-Api-Key", "wrong-key-wrong-key"), "{}").status()).isEqualTo(401);
        RawHttp.Answer unknown = RawHttp.send(port, "GET", "/api/dead-letters/alerts.v1", ADMIN, "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("content-type")).startsWith("application/problem+json");
        assertThat(RawHttp.send(port, "GET", "/api/dead-letters/..%2F..%2Fetc", ADMIN, "").status()).isIn(400, 404);
    }
}

package io.steppewire.article;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.steppewire.article.support.Newsroom;
import io.steppewire.article.support.ServiceTest;
import io.steppewire.events.Topic;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.platform.security.SubscriberKeys;
import io.steppewire.platform.testing.PathTricks;
import io.steppewire.platform.testing.RawHttp;
import io.steppewire.platform.testing.RawHttp.Answer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's edge on a real server, with requests sent byte for byte: reads are open, everything else needs
 * the admin key, a key the service does not know is refused even on a read, and no spelling of a path gets
 * around that or makes the service fail. After every refused request the store and the topics are as before.
 */
class EdgeSecurityTest extends ServiceTest {

    private static final List<String> WRITES = List.of("POST", "PUT", "DELETE", "PATCH");
    private static final String DEAD_LETTERS = "/api/dead-letters/" + Topics.ARTICLES.name();
    private static final String REDRIVE = DEAD_LETTERS + "/redrive";
    private static final String KAFKA_STATUS = "/api/operations/kafka";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Autowired
    MongoDatabase database;

    @Value("${steppewire.api.key}")
    String adminKey;

    private String articleId;

    @BeforeEach
    void seedAnArticleAndAQuote() {
        ArticleIngested article = Newsroom.story("edge-examiner", "Examiner Locks Its Archive at Night",
                "SHYMKENT - The archive now closes at ten.").about("KZ").event();
        RateQuoted quote = RateQuoted.fromQuote("GEL/USD", new BigDecimal("0.3690"), null, Instant.parse("2026-03-14T00:00:00Z"),
                "edge-examiner", null, Instant.parse("2026-03-14T00:00:00Z"));
        publisher.publish(Topics.ARTICLES, article.articleId(), article.articleId(), article);
        publisher.publish(Topics.QUOTES, quote.pair(), quote.quoteId(), quote);
        articleId = article.articleId();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/articles/" + articleId).status() == 200
                && api.get("/api/rates/GEL-USD/history").status() == 200);
    }

    /** Every read of the query API, as a concrete path. */
    private List<String> reads() {
        return List.of("/api/articles", "/api/articles?country=KZ&limit=5", "/api/articles/" + articleId, "/api/facets",
                "/api/stories/" + articleId,
                "/api/rates", "/api/dashboard", "/api/rates/GEL-USD/history", "/api/rates/GEL-USD/daily?source=edge-examiner", "/api/rates/GEL-USD/context?date=2026-03-14");
    }

    /** Keys that are not the admin key: none, wrong ones, and one shaped like a subscriber key (unknown here). */
    private Map<String, Map<String, String>> strangers() {
        Map<String, Map<String, String>> keys = new LinkedHashMap<>();
        keys.put("no key", Map.of());
        keys.put("wrong key", Map.of("X-Api-Key", "wrong-key-0123456789"));
        keys.put("admin key with a character more", Map.of("X-Api-Key", adminKey + "x"));
        keys.put("admin key in upper case", Map.of("X-Api-Key", adminKey.toUpperCase(java.util.Locale.ROOT)));
        keys.put("subscriber-shaped key", Map.of("X-Api-Key", SubscriberKeys.generate()));
        return keys;
    }

    private Answer send(String method, String path, Map<String, String> headers) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        String body = method.equals("GET") || method.equals("DELETE") ? "" : "{}";
        if (!body.isEmpty()) {
            all.putAll(JSON);
        }
        return RawHttp.send(port, method, path, all, body);
    }

    @Test
    void refusesEveryWriteOnEveryApiPathWithoutTheAdminKeyAndChangesNothing() throws IOException {
        State before = State.of(database, brokers);
        for (String path : Stream.concat(reads().stream(), Stream.of(DEAD_LETTERS, REDRIVE, KAFKA_STATUS)).toList()) {
            for (String method : WRITES) {
                for (var key : strangers().entrySet()) {
                    Answer answer = send(method, path, key.getValue());
                    assertThat(answer.status()).as(method + " " + path + " with " + key.getKey()).isIn(401, 403);
                    assertThat(answer.header("content-type")).as(method + " " + path).startsWith("application/problem+json");
                }
            }
        }
        // The admin key passes the edge, but the query API has no writes: 405, and still nothing changed.
        for (String path : reads()) {
            for (String method : WRITES) {
                assertThat(send(method, path, Map.of("X-Api-Key", adminKey)).status()).as(method + " " + path).isEqualTo(405);
            }
        }
        assertThat(State.of(database, brokers)).isEqualTo(before);
    }

    @Test
    void servesEveryReadWithoutAKeyAndRefusesAKeyItDoesNotKnow() throws IOException {
        for (String path : reads()) {
            Answer open = send("GET", path, Map.of());
            assertThat(open.status()).as(path).isEqualTo(200);
            assertThat(open.header("content-type")).as(path).startsWith("application/json");
            assertThat(send("GET", path, Map.of("X-Api-Key", adminKey)).status()).as(path).isEqualTo(200);
            for (var key : strangers().entrySet()) {
                if (key.getValue().isEmpty()) {
                    continue;
                }
                Answer refused = send("GET", path, key.getValue());
                assertThat(refused.status()).as(path + " with " + key.getKey()).isEqualTo(401);
                assertThat(refused.header("content-type")).as(path).startsWith("application/problem+json");
                assertThat(refused.body()).as(path).doesNotContain("\"items\"");
            }
        }
    }

    @Test
    void keepsDeadLettersAndTheKafkaStatusToTheAdminKey() throws IOException {
        for (var key : strangers().entrySet()) {
            Answer refused = send("GET", DEAD_LETTERS, key.getValue());
            assertThat(refused.status()).as(key.getKey()).isEqualTo(401);
            assertThat(refused.body()).as(key.getKey()).doesNotContain("\"items\"");
            Answer status = send("GET", KAFKA_STATUS, key.getValue());
            assertThat(status.status()).as(key.getKey()).isEqualTo(401);
            assertThat(status.body()).as(key.getKey()).doesNotContain("\"groups\"");
        }
        assertThat(send("GET", DEAD_LETTERS, Map.of("X-Api-Key", adminKey)).status()).isEqualTo(200);
        assertThat(send("GET", KAFKA_STATUS, Map.of("X-Api-Key", adminKey)).status()).isEqualTo(200);
    }

    @Test
    void routesAPercentEncodedLetterLikeThePlainPathUnderTheSameRules() throws IOException {
        assertThat(send("GET", "/api/%61rticles/" + articleId, Map.of()).status()).isEqualTo(200);
        assertThat(send("POST", "/api/%61rticles", Map.of()).status()).isEqualTo(401);
        assertThat(send("GET", "/api/%64ead-letters/" + Topics.ARTICLES.name(), Map.of()).status()).isEqualTo(401);
    }

    @Test
    void refusesAmbiguousPathsBeforeRoutingWithAProblem() throws IOException {
        for (String path : List.of("/api/articles;x=1", "/api/%2e%2e/api/articles", "/api//articles", "/api/./articles",
                "/api/x/../articles", "/api/articles%25")) {
            Answer answer = send("GET", path, Map.of());
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.header("content-type")).as(path).startsWith("application/problem+json");
        }
    }

    @Test
    void answersNoSpellingOfAReadPathWithAServerError() throws IOException {
        for (String path : reads()) {
            for (String trick : PathTricks.of(path)) {
                Answer anonymous = send("GET", trick, Map.of());
                assertThat(anonymous.status()).as(trick).isLessThan(500);
                Answer wrongKey = send("GET", trick, Map.of("X-Api-Key", "wrong-key-0123456789"));
                assertThat(wrongKey.status()).as(trick + " with a wrong key").isIn(400, 401, 404);
            }
        }
    }

    @Test
    void refusesEverySpellingOfAProtectedPathAndChangesNothing() throws IOException {
        State before = State.of(database, brokers);
        for (String trick : Stream.concat(PathTricks.of(DEAD_LETTERS).stream(), PathTricks.of(KAFKA_STATUS).stream()).toList()) {
            for (var key : strangers().entrySet()) {
                Answer answer = send("GET", trick, key.getValue());
                assertThat(answer.status()).as("GET " + trick + " with " + key.getKey()).isIn(400, 401, 403, 404);
                assertThat(answer.body()).as(trick).doesNotContain("\"items\"").doesNotContain("\"groups\"");
            }
        }
        List<String> writable = new ArrayList<>(PathTricks.of(REDRIVE));
        reads().forEach(path -> writable.addAll(PathTricks.of(path)));
        for (String trick : writable) {
            for (String method : WRITES) {
                for (var key : strangers().entrySet()) {
                    Answer answer = send(method, trick, key.getValue());
                    assertThat(answer.status()).as(method + " " + trick + " with " + key.getKey()).isIn(400, 401, 403, 404, 405);
                }
            }
        }
        assertThat(State.of(database, brokers)).isEqualTo(before);
    }

    /** What a request could change: every document of the store, and the end of every topic the service knows. */
    record State(Map<String, List<String>> store, Map<String, Long> topicEnds) {

        static State of(MongoDatabase database, String brokers) {
            Map<String, List<String>> store = new TreeMap<>();
            for (String collection : database.listCollectionNames()) {
                List<String> documents = new ArrayList<>();
                database.getCollection(collection).find().sort(Sorts.ascending("_id"))
                        .forEach((Document document) -> documents.add(document.toJson()));
                store.put(collection, documents);
            }
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (Topic<?> topic : List.of(Topics.ARTICLES, Topics.QUOTES, Topics.RATE_CHANGES)) {
                    for (String name : List.of(topic.name(), topic.deadLetterName())) {
                        consumer.partitionsFor(name).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                    }
                }
                Map<String, Long> ends = new TreeMap<>();
                consumer.endOffsets(partitions).forEach((partition, end) -> ends.put(partition.toString(), end));
                return new State(store, ends);
            }
        }
    }
}

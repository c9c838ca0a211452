package io.steppewire.rates.edge;

import io.steppewire.platform.security.SubscriberKeys;
import io.steppewire.platform.testing.PathTricks;
import io.steppewire.platform.testing.RawHttp;
import io.steppewire.platform.testing.RawHttp.Answer;
import io.steppewire.rates.support.QuoteTopicWatch;
import io.steppewire.rates.support.RatesServiceTest;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's edge as an attacker meets it, on the real server with requests sent byte for byte: every write
 * to every endpoint without a key, with a wrong key, with a subscriber's key (which rates-service does not know),
 * and on every spelling of the path that a careless edge would route while checking another. Each must be
 * refused, and nothing may reach {@code fx.quotes.v1}; the topic itself is checked, not only the status codes.
 * The protected endpoints are the quote API, the settings (read-only), fetching an official source (which writes
 * to {@code fx.quotes.v1}; {@code HostileSourceRequestsTest} tries it further) and the platform's dead-letter
 * endpoints for the quotes this service consumes, whose redrive writes to {@code fx.quotes.v1} and whose listing
 * shows other people's records: all are the operator's only.
 */
@RatesServiceTest
class EdgeSecurityTest {

    private static final String QUOTES = "/api/quotes";
    private static final String SETTINGS = "/api/rates/settings";
    private static final String DEAD_LETTERS = "/api/dead-letters/fx.quotes.v1";
    private static final String REDRIVE = DEAD_LETTERS + "/redrive";
    private static final String FETCH_OFFICIAL_RATES = "/api/rates/sources/nbk/fetch";
    private static final List<String> PROTECTED = List.of(QUOTES, SETTINGS, DEAD_LETTERS, REDRIVE, FETCH_OFFICIAL_RATES);
    private static final List<String> WRITES = List.of("POST", "PUT", "DELETE", "PATCH");
    private static final String BATCH = """
            {"quotes": [{"pair": "KZT/USD", "rate": "0.00199", "asOf": "2026-03-02", "source": "edge-intruder"}]}""";

    @LocalServerPort
    private int port;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Value("${steppewire.api.key}")
    private String adminKey;

    private QuoteTopicWatch quotes;
    private Map<TopicPartition, Long> before;

    @BeforeEach
    void noteWhereTheQuoteTopicEnds() {
        quotes = new QuoteTopicWatch(brokers);
        before = quotes.endOffsets();
    }

    @AfterEach
    void closeWatch() {
        quotes.close();
    }

    /** The keys of people who may not publish quotes; {@code null} sends no header at all. */
    private List<String> refusedKeys() {
        List<String> keys = new ArrayList<>();
        keys.add(null);
        keys.add("");
        keys.add("wrong-key-of-some-length");
        keys.add(adminKey + "x");
        keys.add(adminKey.substring(0, adminKey.length() - 1));
        keys.add(adminKey.toUpperCase(java.util.Locale.ROOT));
        keys.add(SubscriberKeys.generate());
        keys.add("local-dev-key");
        return keys;
    }

    @Test
    void everyWriteWithoutTheAdminKeyIsRefusedAndPublishesNothing() throws IOException {
        for (String path : PROTECTED) {
            for (String method : WRITES) {
                for (String key : refusedKeys()) {
                    Answer answer = send(method, path, key, BATCH);
                    String attempt = method + " " + path + " with key " + key;
                    assertThat(answer.status()).as(attempt).isEqualTo(401);
                    assertThat(answer.header("content-type")).as(attempt).startsWith("application/problem+json");
                    assertThat(answer.header("www-authenticate")).as(attempt).contains("X-Api-Key");
                }
            }
        }
        assertThat(quotes.writtenSince(before)).isEmpty();
    }

    @Test
    void everySpellingOfTheWritePathsIsRefusedWithoutTheAdminKeyAndPublishesNothing() throws IOException {
        for (String path : PROTECTED) {
            for (String trick : PathTricks.of(path)) {
                for (String method : WRITES) {
                    for (String key : new String[]{null, "wrong-key-of-some-length", SubscriberKeys.generate()}) {
                        assertThat(send(method, trick, key, BATCH).status()).as(method + " " + trick + " with key " + key)
                                .isIn(400, 401, 404, 405);
                    }
                }
            }
        }
        assertThat(quotes.writtenSince(before)).isEmpty();
    }

    @Test
    void readsThatCarryABatchPublishNothing() throws IOException {
        // HEAD is left out: its answer announces a body it does not carry, which a raw reader would wait for.
        for (String method : List.of("GET", "OPTIONS")) {
            Answer answer = send(method, QUOTES, null, BATCH);
            assertThat(answer.status()).as(method).isNotEqualTo(202);
        }
        Answer overridden = RawHttp.send(port, "POST", QUOTES,
                Map.of("Content-Type", "application/json", "X-HTTP-Method-Override", "GET"), BATCH);
        assertThat(overridden.status()).isEqualTo(401);
        assertThat(quotes.writtenSince(before)).isEmpty();
    }

    @Test
    void deadLettersAreListedToTheAdminKeyOnlyOnEverySpellingOfTheirPath() throws IOException {
        for (String key : refusedKeys()) {
            Answer answer = send("GET", DEAD_LETTERS, key, "");
            assertThat(answer.status()).as("key " + key).isEqualTo(401);
            assertThat(answer.body()).as("key " + key).doesNotContain("\"items\"");
        }
        for (String trick : PathTricks.of(DEAD_LETTERS)) {
            Answer answer = send("GET", trick, null, "");
            assertThat(answer.status()).as(trick).isIn(400, 401, 404);
            assertThat(answer.body()).as(trick).doesNotContain("\"items\"");
        }
        assertThat(send("GET", DEAD_LETTERS, adminKey, "").body()).contains("\"items\"");
    }

    @Test
    void readsStayOpenButAWrongKeyIsRefusedEvenThere() throws IOException {
        assertThat(send("GET", SETTINGS, null, "").status()).isEqualTo(200);
        Answer wrong = send("GET", SETTINGS, "wrong-key-of-some-length", "");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("API key not accepted");
        assertThat(send("GET", SETTINGS, SubscriberKeys.generate(), "").status()).isEqualTo(401);
    }

    @Test
    void theAdminKeyPublishesTheSameBatchThatEveryoneElseWasRefused() throws IOException {
        Answer answer = send("POST", QUOTES, adminKey, BATCH.replace("edge-intruder", "edge-admin"));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(quotes.writtenSince(before)).singleElement()
                .satisfies(record -> assertThat(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("\"source\":\"edge-admin\""));
    }

    @Test
    void theSettingsCannotBeChangedEvenWithTheAdminKey() throws IOException {
        for (String method : WRITES) {
            assertThat(send(method, SETTINGS, adminKey, "{\"bigMoveThresholdPct\": \"0.01\"}").status()).as(method).isEqualTo(405);
        }
        assertThat(send("GET", SETTINGS, null, "").body()).contains("\"bigMoveThresholdPct\":\"1.0\"");
    }

    private Answer send(String method, String path, String key, String body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (key != null) {
            headers.put("X-Api-Key", key);
        }
        return RawHttp.send(port, method, path, headers, body);
    }
}

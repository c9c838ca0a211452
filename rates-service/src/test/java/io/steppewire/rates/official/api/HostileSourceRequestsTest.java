package io.steppewire.rates.official.api;

import io.steppewire.platform.security.SubscriberKeys;
import io.steppewire.platform.testing.PathTricks;
import io.steppewire.platform.testing.RawHttp;
import io.steppewire.platform.testing.RawHttp.Answer;
import io.steppewire.rates.official.fetch.OfficialSources;
import io.steppewire.rates.official.fetch.SourceState;
import io.steppewire.rates.support.OfficialRatesSite;
import io.steppewire.rates.support.OfficialRatesSiteInitializer;
import io.steppewire.rates.support.QuoteTopicWatch;
import io.steppewire.rates.support.RatesServiceTest;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fetch endpoint as an attacker meets it, on the real server with requests sent byte for byte: without the admin
 * key, with wrong ones, on every spelling of its path, with hostile dates and parameters, and with tricks in the
 * source's id. Each must be refused, as problem+json where the service answers, and none may make a bank be called or
 * a quote be written: after each story an operator's own fetch runs on the source's thread, which would run any fetch
 * wrongly started before it, and the banks' site must have seen that fetch only.
 */
@RatesServiceTest
class HostileSourceRequestsTest {

    private static final String FETCH = "/api/rates/sources/nbk/fetch";
    private static final List<String> WRITES = List.of("POST", "PUT", "DELETE", "PATCH");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final OfficialRatesSite site = OfficialRatesSiteInitializer.site();

    @LocalServerPort
    private int port;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Value("${steppewire.api.key}")
    private String adminKey;

    @Autowired
    private OfficialSources sources;

    private QuoteTopicWatch quotes;
    private Map<TopicPartition, Long> before;

    @BeforeEach
    void noteWhereTheQuoteTopicEnds() {
        site.reset();
        quotes = new QuoteTopicWatch(brokers);
        before = quotes.endOffsets();
    }

    @AfterEach
    void closeWatch() {
        quotes.close();
        site.reset();
    }

    @Test
    void aFetchWithoutTheAdminKeyIsRefusedAndReachesNoBank() throws IOException {
        for (String method : WRITES) {
            for (String key : refusedKeys()) {
                Answer answer = send(method, FETCH + "?from=2026-04-01", key);
                String attempt = method + " with key " + key;
                assertThat(answer.status()).as(attempt).isEqualTo(401);
                assertThat(answer.header("content-type")).as(attempt).startsWith("application/problem+json");
            }
        }
        assertNothingReachedABankOrTheQuoteTopic();
    }

    @Test
    void everySpellingOfTheFetchPathIsRefusedWithoutTheAdminKey() throws IOException {
        for (String trick : PathTricks.of(FETCH)) {
            for (String key : new String[]{null, "wrong-key-of-some-length", SubscriberKeys.generate()}) {
                assertThat(send("POST", trick + "?from=2026-04-01", key).status()).as(trick + " with key " + key)
                        .isIn(400, 401, 404, 405);
            }
        }
        assertNothingReachedABankOrTheQuoteTopic();
    }

    @Test
    void hostileDatesAndParametersAreRefusedAsProblemsEvenWithTheAdminKey() throws IOException {
        List<String> queries = List.of("?from=2026-13-01", "?from=yesterday", "?from=", "?from=%00", "?to=%2B999999999-12-31",
                "?to=+999999999-12-31", "?from=-999999999-01-01", "?from=2026-04-01%0d%0aX-Injected:%20yes",
                "?from=..%2F..%2Fetc%2Fpasswd", "?from=1900-01-01&to=1900-12-31", "?from=1992-01-01&to=2026-04-01",
                "?from=2026-04-02&to=2026-04-01", "?to=2999-01-01", "?from=2026-04-01&from=2026-03-01",
                "?from=2026-04-01&to=2026-04-01&to=2026-04-02", "?FROM=2026-04-01", "?from%5B%5D=2026-04-01",
                "?url=http://169.254.169.254/", "?from=2026-04-01&url=http://127.0.0.1:22/", "?from=" + "9".repeat(4000),
                "?from=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-04-01", "?from=2026-04-01T00:00:00Z");
        for (String query : queries) {
            Answer answer = send("POST", FETCH + query, adminKey);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.header("content-type")).as(query).startsWith("application/problem+json");
            assertThat(answer.body()).as(query).hasSizeLessThan(1_000).doesNotContain("X-Injected");
            assertThat(answer.header("x-injected")).as(query).isNull();
        }
        assertNothingReachedABankOrTheQuoteTopic();
    }

    @Test
    void tricksInTheSourcesIdAreRefusedEvenWithTheAdminKey() throws IOException {
        // An encoded letter (%6ebk) is no trick once the key is right: it is the same request, and is left out here.
        List<String> ids = List.of("NBK", "nbk%20", "nbk.", "nbk..", "nbk%2F..%2Fcbu", "..%2Fnbk", "nbk;x=1", "nbk%00",
                "n".repeat(2_000), "nbk%0d%0aX-Injected:%20yes", "%E2%80%AEnbk", "ecb", "1nbk", "nbk,cbu");
        for (String id : ids) {
            Answer answer = send("POST", "/api/rates/sources/" + id + "/fetch", adminKey);
            assertThat(answer.status()).as(id).isIn(400, 404);
            assertThat(answer.header("content-type")).as(id).startsWith("application/problem+json");
            assertThat(answer.header("x-injected")).as(id).isNull();
            if (answer.status() == 404) {
                assertThat(answer.body()).as(id).contains("GET /api/rates/sources lists them");
            }
        }
        assertNothingReachedABankOrTheQuoteTopic();
    }

    @Test
    void theStateIsOpenToReadButAWrongKeyIsRefusedEvenThere() throws IOException {
        Answer open = send("GET", "/api/rates/sources", null);
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.body()).contains("\"id\":\"nbk\"");
        assertThat(send("GET", "/api/rates/sources", "wrong-key-of-some-length").status()).isEqualTo(401);
        assertThat(send("GET", "/api/rates/sources", SubscriberKeys.generate()).status()).isEqualTo(401);
    }

    /** The keys of people who may not fetch; {@code null} sends no header at all. */
    private List<String> refusedKeys() {
        List<String> keys = new ArrayList<>();
        keys.add(null);
        keys.add("");
        keys.add("wrong-key-of-some-length");
        keys.add(adminKey + "x");
        keys.add(adminKey.substring(0, adminKey.length() - 1));
        keys.add(adminKey.toUpperCase(Locale.ROOT));
        keys.add(SubscriberKeys.generate());
        keys.add("local-dev-key");
        return keys;
    }

    /**
     * Runs an operator's fetch of a date the site does not answer and waits for it to end: any fetch wrongly started
     * earlier ran before it on the source's thread, so the site's log then holds everything that reached it.
     */
    private void assertNothingReachedABankOrTheQuoteTopic() throws IOException {
        Instant asked = Instant.now();
        assertThat(send("POST", FETCH + "?to=2026-03-30", adminKey).status()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> {
            SourceState state = sources.find("nbk").orElseThrow().state();
            return state.running() == null && state.lastFetchAt() != null && !state.lastFetchAt().isBefore(asked);
        });
        assertThat(site.requests()).containsExactly("/nbk/get_rates.cfm?fdate=30.03.2026");
        assertThat(quotes.writtenSince(before)).isEmpty();
    }

    private Answer send(String method, String path, String key) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        if (key != null) {
            headers.put("X-Api-Key", key);
        }
        return RawHttp.send(port, method, path, headers, "");
    }
}

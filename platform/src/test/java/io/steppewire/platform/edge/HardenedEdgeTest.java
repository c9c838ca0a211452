package io.steppewire.platform.edge;

import io.steppewire.platform.testing.PathTricks;
import io.steppewire.platform.testing.RawHttp;
import io.steppewire.platform.testing.RawHttp.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"steppewire.api.key=" + HardenedEdgeTest.ADMIN_KEY,
                "steppewire.api.previous-key=" + HardenedEdgeTest.PREVIOUS_ADMIN_KEY, "spring.kafka.bootstrap-servers=127.0.0.1:1"})
class HardenedEdgeTest {

    static final String ADMIN_KEY = "edge-test-admin-key-0123";
    static final String PREVIOUS_ADMIN_KEY = "edge-test-old-admin-key-9876";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @LocalServerPort
    int port;

    private Answer send(String method, String path, Map<String, String> headers, String body) throws IOException {
        return RawHttp.send(port, method, path, headers, body);
    }

    private static Map<String, String> json(String key) {
        return Map.of("Content-Type", "application/json", "X-Api-Key", key);
    }

    @Test
    void readsAreOpenAndWritesNeedTheAdminKey() throws IOException {
        assertThat(send("GET", "/api/things", Map.of(), "").status()).isEqualTo(200);
        Answer anonymous = send("POST", "/api/things", JSON, "{\"name\":\"a\",\"amount\":\"1.5\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("content-type")).startsWith("application/problem+json");
        assertThat(anonymous.header("www-authenticate")).contains("X-Api-Key");
        assertThat(send("POST", "/api/things", json(ADMIN_KEY), "{\"name\":\"a\",\"amount\":\"1.5\"}").status()).isEqualTo(200);
    }

    @Test
    void thePreviousAdminKeyStillWorksDuringRotation() throws IOException {
        assertThat(send("POST", "/api/things", json(PREVIOUS_ADMIN_KEY), "{\"name\":\"a\",\"amount\":\"1\"}").status()).isEqualTo(200);
    }

    @Test
    void refusesAWrongKeyEvenWhereNoKeyIsNeeded() throws IOException {
        Answer wrong = send("GET", "/api/things", Map.of("X-Api-Key", ADMIN_KEY + "x"), "");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("API key not accepted");
    }

    @Test
    void subscriberKeysMayNotDoAdminWrites() throws IOException {
        int before = EdgeTestApplication.writes.get();
        Answer subscriber = send("POST", "/api/things", json(EdgeTestApplication.SUBSCRIBER_KEY), "{\"name\":\"a\",\"amount\":\"1\"}");
        assertThat(subscriber.status()).isEqualTo(403);
        assertThat(subscriber.header("content-type")).startsWith("application/problem+json");
        assertThat(send("POST", "/api/private-writes", json(EdgeTestApplication.SUBSCRIBER_KEY), "").status()).isEqualTo(200);
        assertThat(EdgeTestApplication.writes.get()).isEqualTo(before + 1);
    }

    @Test
    void subscriberSeesOnlyItsOwnData() throws IOException {
        assertThat(send("GET", "/api/private/k1", Map.of("X-Api-Key", EdgeTestApplication.SUBSCRIBER_KEY), "").status()).isEqualTo(200);
        assertThat(send("GET", "/api/private/k1", Map.of("X-Api-Key", EdgeTestApplication.OTHER_SUBSCRIBER_KEY), "").status()).isEqualTo(404);
        assertThat(send("GET", "/api/private/k1", Map.of("X-Api-Key", ADMIN_KEY), "").status()).isEqualTo(200);
        assertThat(send("GET", "/api/private/k1", Map.of(), "").status()).isEqualTo(401);
    }

    @Test
    void aKeyThatCannotBeCheckedIsNeitherLetThroughNorCalledWrong() throws IOException {
        int before = EdgeTestApplication.writes.get();
        Answer answer = send("POST", "/api/private-writes", Map.of("X-Api-Key", EdgeTestApplication.UNCHECKABLE_KEY), "");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("retry-after")).isEqualTo("5");
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(EdgeTestApplication.writes.get()).isEqualTo(before);
    }

    @Test
    void everyPathTrickIsRefusedWithoutAKey() throws IOException {
        int before = EdgeTestApplication.writes.get();
        for (String trick : PathTricks.of("/api/private/k1")) {
            Answer answer = send("GET", trick, Map.of(), "");
            assertThat(answer.status()).as(trick).isIn(400, 401, 404);
            assertThat(answer.body()).as(trick).doesNotContain("\"owner\"");
        }
        for (String trick : PathTricks.of("/api/things")) {
            Answer answer = send("POST", trick, JSON, "{\"name\":\"a\",\"amount\":\"1\"}");
            assertThat(answer.status()).as(trick).isIn(400, 401, 404, 405);
        }
        for (String trick : PathTricks.of("/api/private-writes")) {
            assertThat(send("POST", trick, Map.of(), "").status()).as(trick).isIn(400, 401, 404, 405);
        }
        assertThat(EdgeTestApplication.writes.get()).isEqualTo(before);
    }

    @Test
    void firewallRefusalsAreProblems() throws IOException {
        Answer semicolon = send("GET", "/api/private;x=1/k1", Map.of(), "");
        assertThat(semicolon.status()).isEqualTo(400);
        assertThat(semicolon.header("content-type")).startsWith("application/problem+json");
        assertThat(semicolon.body()).contains("Request path refused");
    }

    @Test
    void tomcatsOwnRefusalsAreProblemsToo() throws IOException {
        Answer encodedSlash = send("GET", "/api/private%2Fk1", Map.of(), "");
        assertThat(encodedSlash.status()).isEqualTo(400);
        assertThat(encodedSlash.header("content-type")).startsWith("application/problem+json");
        assertThat(encodedSlash.body()).contains("\"status\":400").doesNotContain("<html");
        Answer hugeHead = send("GET", "/api/things?q=" + "a".repeat(10_000), Map.of(), "");
        assertThat(hugeHead.status()).isEqualTo(400);
        assertThat(hugeHead.header("content-type")).startsWith("application/problem+json");
    }

    @Test
    void anOversizedJsonBodyGetsAReadable413() throws IOException {
        char[] filler = new char[300 * 1024];
        Arrays.fill(filler, 'a');
        Answer answer = send("POST", "/api/things", json(ADMIN_KEY), "{\"name\":\"" + new String(filler) + "\",\"amount\":\"1\"}");
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("256 KiB");
    }

    @Test
    void anEndpointKeepsItsOwnLargerLimitAndRefusesBeyondIt() throws IOException {
        byte[] fourMb = new byte[4 * 1024 * 1024];
        Answer accepted = RawHttp.send(port, "POST", "/api/uploads",
                Map.of("X-Api-Key", ADMIN_KEY, "Content-Type", "application/octet-stream"), fourMb);
        assertThat(accepted.status()).isEqualTo(200);
        byte[] sixMb = new byte[6 * 1024 * 1024];
        Answer refused = RawHttp.send(port, "POST", "/api/uploads",
                Map.of("X-Api-Key", ADMIN_KEY, "Content-Type", "application/octet-stream"), sixMb);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains("5 MB");
        // Python's urllib asks to close the connection after the answer; the 413 must still be readable.
        Answer closing = RawHttp.send(port, "POST", "/api/uploads", Map.of("X-Api-Key", ADMIN_KEY,
                "Content-Type", "application/octet-stream", "Connection", "close"), sixMb);
        assertThat(closing.status()).isEqualTo(413);
    }

    @Test
    void longNumbersAreRefusedBeforeTheyAreParsed() throws IOException {
        String digits = "1" + "0".repeat(5000);
        Answer answer = send("POST", "/api/things", json(ADMIN_KEY), "{\"name\":\"a\",\"amount\":" + digits + "}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
    }

    @Test
    void problemsKeepTheirHeadersAndUnexpectedFailuresHideInternals() throws IOException {
        Answer busy = send("GET", "/api/teapot", Map.of(), "");
        assertThat(busy.status()).isEqualTo(429);
        assertThat(busy.header("retry-after")).isEqualTo("3");
        Answer broken = send("GET", "/api/broken", Map.of(), "");
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.body()).doesNotContain("secret internals").contains("reference");
    }

    @Test
    void withoutAllowedOriginsNoPageOfAnotherOriginGetsCorsHeaders() throws IOException {
        Answer read = send("GET", "/api/things", Map.of("Origin", "http://localhost:8083"), "");
        assertThat(read.header("access-control-allow-origin")).isNull();
        Answer preflight = send("OPTIONS", "/api/things", Map.of("Origin", "http://localhost:8083",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-api-key"), "");
        assertThat(preflight.header("access-control-allow-origin")).isNull();
        assertThat(preflight.header("access-control-allow-headers")).isNull();
    }
}

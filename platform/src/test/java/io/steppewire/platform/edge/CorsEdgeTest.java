package io.steppewire.platform.edge;

import io.steppewire.platform.testing.PathTricks;
import io.steppewire.platform.testing.RawHttp;
import io.steppewire.platform.testing.RawHttp.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's origin may call the service from a browser; no other origin may, and the keys still apply. */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"steppewire.api.key=" + CorsEdgeTest.ADMIN_KEY, "spring.kafka.bootstrap-servers=127.0.0.1:1",
                // Written as a person might: the service compares it as browsers send it.
                "steppewire.http.cors.allowed-origins=HTTP://Dashboard.Example:8083, http://127.0.0.1:8083"})
class CorsEdgeTest {

    static final String ADMIN_KEY = "cors-test-admin-key-0123";
    private static final String DASHBOARD = "http://dashboard.example:8083";
    private static final String FOREIGN = "https://evil.example";

    @LocalServerPort
    int port;

    private Answer send(String method, String path, Map<String, String> headers, String body) throws IOException {
        return RawHttp.send(port, method, path, headers, body);
    }

    private static Map<String, String> from(String origin, String... more) {
        Map<String, String> headers = new HashMap<>(Map.of("Origin", origin));
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    private static Map<String, String> preflight(String origin, String method, String headers) {
        return from(origin, "Access-Control-Request-Method", method, "Access-Control-Request-Headers", headers);
    }

    @Test
    void theDashboardsOriginMayReadAndSendItsKeyAndLastEventId() throws IOException {
        Answer read = send("GET", "/api/things", from(DASHBOARD), "");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("access-control-allow-origin")).isEqualTo(DASHBOARD);
        assertThat(read.header("access-control-allow-credentials")).isNull();

        Answer asked = send("OPTIONS", "/api/private-writes", preflight(DASHBOARD, "POST", "x-api-key,content-type"), "");
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.header("access-control-allow-origin")).isEqualTo(DASHBOARD);
        assertThat(asked.header("access-control-allow-methods")).contains("POST");
        assertThat(asked.header("access-control-allow-headers").toLowerCase()).contains("x-api-key", "content-type");
        Answer resume = send("OPTIONS", "/api/private/k1", preflight(DASHBOARD, "GET", "x-api-key,last-event-id"), "");
        assertThat(resume.status()).isEqualTo(200);
        assertThat(resume.header("access-control-allow-headers").toLowerCase()).contains("last-event-id");

        Answer written = send("POST", "/api/things",
                from(DASHBOARD, "X-Api-Key", ADMIN_KEY, "Content-Type", "application/json"), "{\"name\":\"a\",\"amount\":\"1\"}");
        assertThat(written.status()).isEqualTo(200);
        assertThat(written.header("access-control-allow-origin")).isEqualTo(DASHBOARD);
        assertThat(written.header("access-control-expose-headers")).contains("Location");
    }

    @Test
    void aForeignOriginGetsNoCorsHeadersAndItsPreflightIsRefused() throws IOException {
        Answer read = send("GET", "/api/things", from(FOREIGN), "");
        assertThat(read.header("access-control-allow-origin")).isNull();
        assertThat(read.status()).isEqualTo(403);

        Answer asked = send("OPTIONS", "/api/private-writes", preflight(FOREIGN, "POST", "x-api-key"), "");
        assertThat(asked.status()).isEqualTo(403);
        assertThat(asked.header("access-control-allow-origin")).isNull();
        assertThat(asked.header("access-control-allow-headers")).isNull();

        // A look-alike of the allowed origin is foreign too.
        for (String lookAlike : new String[]{"http://dashboard.example:8084", "https://dashboard.example:8083",
                "http://dashboard.example.evil.example:8083", "null"}) {
            Answer answer = send("OPTIONS", "/api/things", preflight(lookAlike, "POST", "x-api-key"), "");
            assertThat(answer.status()).as(lookAlike).isEqualTo(403);
            assertThat(answer.header("access-control-allow-origin")).as(lookAlike).isNull();
        }
    }

    @Test
    void aPreflightGetsNoHeaderBeyondTheKeyTheStreamAndTheBodyTypeAndNoPatch() throws IOException {
        // Spring answers the allowed subset; the browser then refuses to send a request with the other header.
        Answer asked = send("OPTIONS", "/api/things", preflight(DASHBOARD, "POST", "x-api-key,authorization"), "");
        assertThat(asked.header("access-control-allow-headers").toLowerCase()).doesNotContain("authorization");
        Answer onlyForeign = send("OPTIONS", "/api/things", preflight(DASHBOARD, "POST", "authorization,cookie"), "");
        assertThat(onlyForeign.status()).isEqualTo(403);
        assertThat(onlyForeign.header("access-control-allow-origin")).isNull();
        Answer patch = send("OPTIONS", "/api/things", preflight(DASHBOARD, "PATCH", "x-api-key"), "");
        assertThat(patch.status()).isEqualTo(403);
    }

    @Test
    void keysAndTheFirewallStillApplyToTheAllowedOrigin() throws IOException {
        int before = EdgeTestApplication.writes.get();
        Answer anonymous = send("POST", "/api/things", from(DASHBOARD, "Content-Type", "application/json"),
                "{\"name\":\"a\",\"amount\":\"1\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        // The page can read why it was refused.
        assertThat(anonymous.header("access-control-allow-origin")).isEqualTo(DASHBOARD);
        assertThat(anonymous.header("content-type")).startsWith("application/problem+json");

        Answer wrongKey = send("GET", "/api/things", from(DASHBOARD, "X-Api-Key", ADMIN_KEY + "x"), "");
        assertThat(wrongKey.status()).isEqualTo(401);
        Answer subscriber = send("POST", "/api/things", from(DASHBOARD, "X-Api-Key", EdgeTestApplication.SUBSCRIBER_KEY,
                "Content-Type", "application/json"), "{\"name\":\"a\",\"amount\":\"1\"}");
        assertThat(subscriber.status()).isEqualTo(403);
        assertThat(send("GET", "/api/private/k1", from(DASHBOARD, "X-Api-Key", EdgeTestApplication.OTHER_SUBSCRIBER_KEY), "")
                .status()).isEqualTo(404);

        for (String trick : PathTricks.of("/api/private/k1")) {
            Answer answer = send("GET", trick, from(DASHBOARD), "");
            assertThat(answer.status()).as(trick).isIn(400, 401, 404);
            assertThat(answer.body()).as(trick).doesNotContain("\"owner\"");
        }
        for (String trick : PathTricks.of("/api/things")) {
            Answer answer = send("POST", trick, from(DASHBOARD, "Content-Type", "application/json"), "{\"name\":\"a\",\"amount\":\"1\"}");
            assertThat(answer.status()).as(trick).isIn(400, 401, 403, 404, 405);
        }
        assertThat(EdgeTestApplication.writes.get()).isEqualTo(before);
    }
}

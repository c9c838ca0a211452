package io.steppewire.ingest;

import io.steppewire.ingest.support.IngestServiceTest;
import io.steppewire.ingest.support.Pages;
import io.steppewire.ingest.support.TestKeys;
import io.steppewire.ingest.support.TopicOffsets;
import io.steppewire.platform.security.SubscriberKeys;
import io.steppewire.platform.testing.PathTricks;
import io.steppewire.platform.testing.RawHttp;
import io.steppewire.platform.testing.RawHttp.Answer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write of ingest-service, tried by everyone who must not do it: no key, a wrong key, a subscriber-shaped key
 * (subscriber keys mean nothing here), on the plain path and on every spelling of it that a careless edge would route
 * while checking another. All are refused, and afterwards the topics hold nothing more and the taxonomy was not
 * reloaded.
 */
@IngestServiceTest
class EdgeSecurityTest {

    /** The writes: page ingest (real and dry run) and the taxonomy reload. */
    private static final List<String> PROTECTED_PATHS = List.of("/api/pages", "/api/taxonomy/reload");

    @LocalServerPort
    private int port;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    private TopicOffsets offsets;
    private final String source = "edge-" + UUID.randomUUID().toString().substring(0, 8);
    private final byte[] page = Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE).getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void openOffsets() {
        offsets = new TopicOffsets(brokers);
    }

    @AfterEach
    void closeOffsets() {
        offsets.close();
    }

    /** The callers that must be refused, by the X-Api-Key they send (none for the first). */
    private static Map<String, Map<String, String>> intruders() {
        Map<String, Map<String, String>> intruders = new LinkedHashMap<>();
        intruders.put("no key", Map.of("Content-Type", "text/plain; charset=utf-8"));
        intruders.put("wrong key", Map.of("Content-Type", "text/plain; charset=utf-8", "X-Api-Key", TestKeys.ADMIN + "x"));
        intruders.put("admin key's prefix", Map.of("Content-Type", "text/plain; charset=utf-8",
                "X-Api-Key", TestKeys.ADMIN.substring(0, TestKeys.ADMIN.length() - 1)));
        intruders.put("subscriber-shaped key", Map.of("Content-Type", "text/plain; charset=utf-8",
                "X-Api-Key", SubscriberKeys.generate()));
        return intruders;
    }

    /** Each write as it is reached: the plain path with the query strings it takes. */
    private List<String> requests(String path) {
        return path.equals("/api/pages")
                ? List.of(path + "?source=" + source, path + "?source=" + source + "&dryRun=true")
                : List.of(path);
    }

    @Test
    void refusesEveryWriteWithoutTheAdminKeyAndChangesNothing() throws IOException {
        String taxonomyBefore = send("GET", "/api/taxonomy", Map.of()).body();
        Map<TopicPartition, Long> before = offsets.settled();
        List<String> tried = new ArrayList<>();

        for (Map.Entry<String, Map<String, String>> intruder : intruders().entrySet()) {
            for (String path : PROTECTED_PATHS) {
                for (String request : requests(path)) {
                    for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                        Answer answer = send(method, request, intruder.getValue());
                        String what = intruder.getKey() + " " + method + " " + request;
                        tried.add(what);
                        assertThat(answer.status()).as(what).isEqualTo(401);
                        assertThat(answer.header("content-type")).as(what).startsWith("application/problem+json");
                    }
                }
            }
        }

        assertThat(tried).hasSize(intruders().size() * 3 * 4);
        assertThat(offsets.now()).as("end offsets after " + tried.size() + " refused writes").isEqualTo(before);
        assertThat(send("GET", "/api/taxonomy", Map.of()).body()).as("taxonomy not reloaded").isEqualTo(taxonomyBefore);
    }

    @Test
    void refusesEverySpellingOfEveryWritePathAndChangesNothing() throws IOException {
        String taxonomyBefore = send("GET", "/api/taxonomy", Map.of()).body();
        Map<TopicPartition, Long> before = offsets.settled();
        int tried = 0;

        for (Map.Entry<String, Map<String, String>> intruder : intruders().entrySet()) {
            for (String path : PROTECTED_PATHS) {
                for (String trick : PathTricks.of(path)) {
                    for (String query : List.of("?source=" + source, "?source=" + source + "&dryRun=true")) {
                        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                            Answer answer = send(method, trick + query, intruder.getValue());
                            assertThat(answer.status()).as(intruder.getKey() + " " + method + " " + trick + query)
                                    .isIn(400, 401, 403, 404, 405);
                            tried++;
                        }
                    }
                }
            }
        }

        assertThat(tried).isGreaterThan(500);
        assertThat(offsets.now()).as("end offsets after " + tried + " refused writes").isEqualTo(before);
        assertThat(send("GET", "/api/taxonomy", Map.of()).body()).as("taxonomy not reloaded").isEqualTo(taxonomyBefore);
    }

    @Test
    void theAdminKeyIsAcceptedOnThePlainPaths() throws IOException {
        Map<String, String> admin = Map.of("Content-Type", "text/plain; charset=utf-8", "X-Api-Key", TestKeys.ADMIN);
        assertThat(send("POST", "/api/pages?source=" + source + "&dryRun=true", admin).status()).isEqualTo(200);
        assertThat(send("POST", "/api/taxonomy/reload", admin).status()).isEqualTo(200);
    }

    @Test
    void readsStayOpenButAWrongKeyIsRefusedEvenThere() throws IOException {
        assertThat(send("GET", "/api/taxonomy", Map.of()).status()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health", Map.of()).status()).isEqualTo(200);
        assertThat(send("GET", "/api/taxonomy", Map.of("X-Api-Key", "not-the-key-at-all")).status()).isEqualTo(401);
    }

    private Answer send(String method, String path, Map<String, String> headers) throws IOException {
        return RawHttp.send(port, method, path, headers, method.equals("GET") ? new byte[0] : page);
    }
}

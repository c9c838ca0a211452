package io.steppewire.notify.subscription;

import io.steppewire.notify.support.NotifyIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionApiTest extends NotifyIntegrationTest {

    private static final String TAJIK_WATCH = """
            {"name": "Tajik watch",
             "channel": {"type": "webhook", "url": "http://127.0.0.1:59/hook", "secret": "tajik-watch-secret-0001"},
             "rules": {"countries": ["TJ"], "tags": ["energy"], "entities": [],
                       "query": "hydropower OR \\"solar park\\"",
                       "pairs": [{"pair": "TJS/USD", "thresholdPct": 0.25, "direction": "either"}]}}
            """;

    @Test
    void createsASubscriptionAndNeverEchoesItsSecret() {
        HttpResponse<String> created = postJson("/api/subscriptions", TAJIK_WATCH);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        String id = body.path("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue(url("/api/subscriptions/" + id));
        assertThat(created.body()).doesNotContain("tajik-watch-secret-0001");
        assertThat(body.path("channel").path("secretSet").asBoolean()).isTrue();
        assertThat(body.path("rules").path("pairs").get(0).path("pair").asString()).isEqualTo("TJS/USD");
        assertThat(body.path("rules").path("query").asString()).isEqualTo("hydropower OR \"solar park\"");
        assertThat(body.path("streamToken").asString()).hasSizeGreaterThan(20);
        assertThat(body.path("createdAt").asString()).isNotBlank();

        HttpResponse<String> read = getWithKey("/api/subscriptions/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("name").asString()).isEqualTo("Tajik watch");
    }

    @Test
    void refusesEveryRequestWithoutTheApiKeyWithAProblem() {
        HttpResponse<String> write = send(HttpRequest.newBuilder(URI.create(url("/api/subscriptions")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(TAJIK_WATCH)));
        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(url("/api/subscriptions"))).header("X-Api-Key", "guess").GET());

        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(write.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(write.body()).path("detail").asString()).contains("X-Api-Key");
        assertThat(read.statusCode()).isEqualTo(401);
    }

    @Test
    void explainsEachInvalidFieldInTheProblem() {
        HttpResponse<String> refused = postJson("/api/subscriptions", """
                {"name": "", "channel": {"type": "pigeon"},
                 "rules": {"countries": ["Tajikistan"], "query": "(dam OR", "pairs": [{"pair": "TJS/USD", "thresholdPct": 0}]}}
                """);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("errors").valueStream().map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("name", "channel.type", "rules.countries[0]", "rules.query", "rules.pairs[0].thresholdPct");
        assertThat(problem.path("detail").asString()).contains("accepted are webhook, sse and email").contains("at position 7");
    }

    @Test
    void refusesAWebhookIntoAPrivateNetworkSayingHowToAllowIt() {
        HttpResponse<String> refused = postJson("/api/subscriptions", TAJIK_WATCH.replace("http://127.0.0.1:59/hook", "http://10.1.2.3/hook"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("channel.url").contains("10.1.2.3").contains("allowed-networks");
    }

    @Test
    void explainsABodyThatIsNotJsonOrHasAWrongType() {
        HttpResponse<String> notJson = postJson("/api/subscriptions", "{\"name\": ");
        HttpResponse<String> wrongType = postJson("/api/subscriptions", """
                {"name": "x", "channel": {"type": "sse"}, "rules": {"pairs": [{"pair": "KZT/USD", "thresholdPct": "a lot"}]}}
                """);

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrongType.body()).path("detail").asString()).contains("rules.pairs[0].thresholdPct");
    }

    @Test
    void replacesListsAndDeletesASubscription() {
        String id = subscribe(TAJIK_WATCH);

        HttpResponse<String> replaced = putJson("/api/subscriptions/" + id, """
                {"name": "Kyrgyz watch", "channel": {"type": "sse"}, "rules": {"countries": ["KG"]}}
                """);
        assertThat(replaced.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(replaced.body());
        assertThat(body.path("name").asString()).isEqualTo("Kyrgyz watch");
        assertThat(body.path("version").asLong()).isEqualTo(2);
        assertThat(body.path("channel").path("type").asString()).isEqualTo("sse");

        HttpResponse<String> listed = getWithKey("/api/subscriptions?limit=200");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).path("items").valueStream().map(s -> s.path("id").asString())).contains(id);

        assertThat(deleteWithKey("/api/subscriptions/" + id).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = getWithKey("/api/subscriptions/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(gone.body()).path("detail").asString()).contains(id);
        assertThat(getWithKey("/api/subscriptions/" + id + "/deliveries").statusCode()).isEqualTo(404);
    }

    @Test
    void publishesTheApiDescription() {
        HttpResponse<String> docs = send(HttpRequest.newBuilder(URI.create(url("/v3/api-docs"))).GET());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/subscriptions/{id}/stream").contains("/api/subscriptions/{id}/deliveries");
    }

    private boolean anyListedNamed(String name) {
        HttpResponse<String> listed = getWithKey("/api/subscriptions?limit=200");
        assertThat(listed.statusCode()).isEqualTo(200);
        return JSON.readTree(listed.body()).path("items").valueStream().anyMatch(s -> s.path("name").asString().equals(name));
    }

    @Test
    void refusesTheThresholdThatRanTheServiceOutOfMemoryInMilliseconds() {
        String name = "Exponent " + UUID.randomUUID();
        // Warms the request path up (the first request of a context initialises the servlet), so only the refusal is timed.
        assertThat(anyListedNamed(name)).isFalse();
        for (String threshold : new String[]{"\"1E-500000000\"", "1E-500000000", "1e+999999999", "\"0.5e1\"", "-0.0"}) {
            long started = System.nanoTime();
            HttpResponse<String> refused = postJson("/api/subscriptions", """
                    {"name": "%s", "channel": {"type": "sse"},
                     "rules": {"pairs": [{"pair": "KZT/USD", "thresholdPct": %s}]}}
                    """.formatted(name, threshold));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(refused.statusCode()).as(threshold).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(JSON.readTree(refused.body()).path("errors").valueStream().map(e -> e.path("field").asString()))
                    .as(threshold).containsExactly("rules.pairs[0].thresholdPct");
            assertThat(took).as(threshold).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(anyListedNamed(name)).isFalse();
    }

    @Test
    void acceptsAThresholdWrittenAsANumberOrAsText() {
        String id = subscribe("""
                {"name": "Text threshold", "channel": {"type": "sse"},
                 "rules": {"pairs": [{"pair": "KZT/USD", "thresholdPct": "0.50"}, {"pair": "UZS/USD", "thresholdPct": 1000},
                                     {"pair": "TJS/USD", "thresholdPct": 0.0000001}]}}
                """);

        String read = getWithKey("/api/subscriptions/" + id).body();
        JsonNode pairs = JSON.readTree(read).path("rules").path("pairs");
        assertThat(pairs.get(0).path("thresholdPct").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(pairs.get(1).path("thresholdPct").decimalValue()).isEqualByComparingTo("1000");
        // Written plainly, never as 1E+3 or 1E-7, so that what is read back can be sent back.
        String rawPairs = read.substring(read.indexOf("\"pairs\""), read.indexOf(']', read.indexOf("\"pairs\"")));
        assertThat(rawPairs).contains("\"thresholdPct\":1000,").contains("\"thresholdPct\":0.0000001,").doesNotContainPattern("[0-9][eE]");
        HttpResponse<String> sentBack = putJson("/api/subscriptions/" + id, read);
        assertThat(sentBack.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAHundredThousandCharacterAddressFastWithoutEchoingIt() {
        String name = "Long mail " + UUID.randomUUID();
        assertThat(anyListedNamed(name)).isFalse();
        long started = System.nanoTime();
        HttpResponse<String> refused = postJson("/api/subscriptions", """
                {"name": "%s", "channel": {"type": "email", "address": "%s@example.org"}, "rules": {"countries": ["KG"]}}
                """.formatted(name, "(".repeat(100_000)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(refused.body()).contains("channel.address").hasSizeLessThan(2_000);
        assertThat(anyListedNamed(name)).isFalse();
    }
}

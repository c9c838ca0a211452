package io.steppewire.notify.subscription;

import io.steppewire.notify.support.NotifyIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionApiTest extends NotifyIntegrationTest {

    private static final String TAJIK_WATCH = """
            {"name": "Tajik watch",
             "channel": {"type": "webhook", "url": "http://127.0.0.1:9/hook", "secret": "tajik-watch-secret-0001"},
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
        HttpResponse<String> refused = postJson("/api/subscriptions", TAJIK_WATCH.replace("http://127.0.0.1:9/hook", "http://10.1.2.3/hook"));

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
}

package io.steppewire.notify.delivery;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.alerting.DisableFailingEndpoints;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryDisableTest extends NotifyIntegrationTest {

    @Autowired
    DisableFailingEndpoints disabling;

    @Test
    void anEndpointFailingLongerThanDisableAfterIsDisabledAnnouncedOnTheStreamAndEnabledAgainByAPut() throws Exception {
        Instant testStart = Instant.now();
        String tag = "disable-" + UUID.randomUUID().toString().substring(0, 8);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.refuseNext(Integer.MAX_VALUE);
            String body = """
                    {"name": "Vanished Khujand desk", "channel": {"type": "webhook", "url": "%s", "secret": "disable-test-secret-0123"},
                     "rules": {"tags": ["%s"]}}
                    """.formatted(receiver.url(), tag);
            JsonNode created = JSON.readTree(postJson("/api/subscriptions", body).body());
            String id = created.path("id").asString();
            ArticleIngested before = story("Khujand Silk Mill Restarts Its Looms", tag);
            publish(Topics.ARTICLES, before.articleId(), before.articleId(), before);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(id)).singleElement()
                    .satisfies(d -> assertThat(d.path("attemptCount").asInt()).isPositive()));

            assertThat(disabling.disableNow(Instant.now())).as("failing for less than disable-after")
                    .extracting(Subscription::id).doesNotContain(id);
            assertThat(disabling.disableNow(Instant.now().plus(Duration.ofDays(6)))).extracting(Subscription::id).contains(id);

            JsonNode shown = JSON.readTree(getWithKey("/api/subscriptions/" + id).body());
            assertThat(shown.path("deliveryDisabled").path("endpoint").asString()).isEqualTo(DeliveryEndpoint.ofUrl(URI.create(receiver.url())));
            assertThat(shown.path("deliveryDisabled").path("lastError").asString()).contains("503");
            assertThat(streamedKinds(id, created.path("streamToken").asString())).contains("endpoint-disabled");
            assertThat(deliveries(id)).singleElement().satisfies(d -> assertThat(d.path("status").asString()).isEqualTo("failed"));

            ArticleIngested during = story("Khujand Airport Adds a Night Flight", tag);
            publish(Topics.ARTICLES, during.articleId(), during.articleId(), during);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(id)).hasSize(2));
            assertThat(deliveries(id)).allSatisfy(d -> assertThat(d.path("status").asString()).isEqualTo("failed"));
            assertThat(receiver.all()).as("nothing is sent while disabled").extracting(WebhookReceiver.Received::id)
                    .doesNotContain(EventIds.alert(id, during.articleId()));

            HttpResponse<String> enabled = putJson("/api/subscriptions/" + id, body);
            assertThat(enabled.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(enabled.body()).has("deliveryDisabled")).isFalse();
            receiver.refuseNext(0);
            HttpResponse<String> recovered = postJson("/api/subscriptions/" + id + "/deliveries/recover", "{\"since\": \"" + testStart + "\"}");
            assertThat(JSON.readTree(recovered.body()).path("queued").asInt()).isEqualTo(2);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(deliveries(id)).hasSize(2)
                    .allSatisfy(d -> assertThat(d.path("status").asString()).isEqualTo("delivered")));
            assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id)
                    .containsExactlyInAnyOrder(EventIds.alert(id, before.articleId()), EventIds.alert(id, during.articleId()));
        }
    }

    private static ArticleIngested story(String title, String tag) {
        return Stories.article(title + " " + tag, "KHUJAND – " + title + ".", List.of("TJ"), List.of(tag), List.of());
    }

    private List<JsonNode> deliveries(String subscriptionId) {
        HttpResponse<String> response = getWithKey("/api/subscriptions/" + subscriptionId + "/deliveries");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("items").valueStream().toList();
    }

    /** The kinds of the alerts on the subscription's stream, read until one of kind endpoint-disabled arrives. */
    private List<String> streamedKinds(String subscriptionId, String token) throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/subscriptions/" + subscriptionId
                + "/stream?token=" + token))).header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<List<String>> kinds = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new java.util.ArrayList<>();
            Iterator<String> lines = response.body().iterator();
            while (!seen.contains("endpoint-disabled") && lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    seen.add(JSON.readTree(line.substring(5)).path("kind").asString());
                }
            }
            return seen;
        });
        try {
            return kinds.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            response.body().close();
        }
    }
}

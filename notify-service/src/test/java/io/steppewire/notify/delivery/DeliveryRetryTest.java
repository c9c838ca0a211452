package io.steppewire.notify.delivery;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.delivery.outbox.DeliveryWorker;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryRetryTest extends NotifyIntegrationTest {

    @Autowired
    DeliveryWorker worker;

    @Test
    void aReceiverThatWasDownGetsEveryAlertAfterDeliveryIsKilledAndRestartedMidRetry() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.refuseNext(4);
            String subscriptionId = subscribe("""
                    {"name": "Flaky Kyrgyz desk", "channel": {"type": "webhook", "url": "%s", "secret": "flaky-kyrgyz-desk-secret"},
                     "rules": {"countries": ["KG"]}}
                    """.formatted(receiver.url()));
            List<ArticleIngested> stories = List.of(
                    Stories.article("Bishkek Opens a Night Market on Chuy Avenue", "BISHKEK – Stalls stayed open past midnight on the first warm weekend.",
                            List.of("KG"), List.of("economy"), List.of()),
                    Stories.article("Issyk-Kul Ferries Resume After the Winter Pause", "CHOLPON-ATA – The lake's passenger boats sailed again on Saturday.",
                            List.of("KG"), List.of("transport"), List.of()));
            stories.forEach(s -> publish(Topics.ARTICLES, s.articleId(), s.articleId(), s));
            await().atMost(PATIENCE).until(() -> receiver.all().size() >= 2);

            worker.stop();
            try {
                JsonNode midway = deliveries(subscriptionId);
                assertThat(midway.path("items").valueStream().map(d -> d.path("status").asString())).contains("pending");
            } finally {
                worker.start();
            }

            List<String> expectedIds = stories.stream().map(s -> EventIds.alert(subscriptionId, s.articleId())).toList();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id)
                    .containsAll(expectedIds));
            // Repeats (if any) carry the same webhook-id, so the receiver can drop them.
            assertThat(receiver.all()).extracting(WebhookReceiver.Received::id).containsOnly(expectedIds.toArray(String[]::new));
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode history = deliveries(subscriptionId);
                assertThat(history.path("items").valueStream().map(d -> d.path("status").asString())).containsOnly("delivered");
                int attempts = history.path("items").valueStream().mapToInt(d -> d.path("attemptCount").asInt()).sum();
                assertThat(attempts).isGreaterThanOrEqualTo(4);
                JsonNode failed = history.path("items").valueStream().flatMap(d -> d.path("attempts").valueStream())
                        .filter(a -> a.path("statusCode").asInt() == 503).findFirst().orElseThrow();
                assertThat(failed.path("error").asString()).contains("503");
                assertThat(failed.path("at").asString()).isNotBlank();
                assertThat(failed.has("durationMillis")).isTrue();
            });
        }
    }

    private JsonNode deliveries(String subscriptionId) {
        var response = getWithKey("/api/subscriptions/" + subscriptionId + "/deliveries");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

package io.steppewire.notify.delivery;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryRecoverTest extends NotifyIntegrationTest {

    private static final String SINCE = "{\"since\": \"2026-03-14T00:00:00Z\"}";

    @Test
    void recoverDeliversEachFinallyFailedAlertOnceMoreAndASecondRecoverQueuesNothingAgain() throws Exception {
        String tag = "recover-" + UUID.randomUUID().toString().substring(0, 8);
        IssuedKey owner = issueKey("Recovering Dushanbe desk");
        IssuedKey stranger = issueKey("Another desk");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.refuseNext(Integer.MAX_VALUE);
            receiver.abortEvery(true);
            String subscriptionId = subscribeAs(owner.key(), """
                    {"name": "Recovering Dushanbe desk", "channel": {"type": "webhook", "url": "%s", "secret": "recover-test-secret-0123"},
                     "rules": {"tags": ["%s"]}}
                    """.formatted(receiver.url(), tag));
            List<ArticleIngested> stories = IntStream.range(0, 3).mapToObj(i -> Stories.article("Pamir Highway Reopens, Section " + i + " " + tag,
                    "DUSHANBE – Road crews cleared the pass, part " + i + ".", List.of("TJ"), List.of(tag), List.of())).toList();
            stories.forEach(s -> publish(Topics.ARTICLES, s.articleId(), s.articleId(), s));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(statuses(subscriptionId)).hasSize(3).containsOnly("failed"));
            receiver.abortEvery(false);
            receiver.refuseNext(0);

            String path = "/api/subscriptions/" + subscriptionId + "/deliveries/recover";
            assertThat(sendAs(stranger.key(), "POST", path, SINCE).statusCode()).as("another subscriber's subscription").isEqualTo(404);
            assertThat(sendAs(owner.key(), "POST", path, "{}").statusCode()).as("since is required").isEqualTo(400);
            assertThat(sendAs(owner.key(), "POST", path, "{\"since\": \"yesterday\"}").statusCode()).as("since is a time").isEqualTo(400);

            HttpResponse<String> first = sendAs(owner.key(), "POST", path, SINCE);
            assertThat(first.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(first.body()).path("queued").asInt()).isEqualTo(3);
            HttpResponse<String> second = sendAs(owner.key(), "POST", path, SINCE);
            assertThat(second.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(second.body()).path("queued").asInt()).isZero();

            List<String> alerts = stories.stream().map(s -> EventIds.alert(subscriptionId, s.articleId())).toList();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(statuses(subscriptionId)).hasSize(3).containsOnly("delivered"));
            assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id).containsExactlyInAnyOrderElementsOf(alerts);
            // One aborted attempt and one more delivery each.
            assertThat(receiver.all()).hasSize(6);
        }
    }

    private List<String> statuses(String subscriptionId) {
        HttpResponse<String> response = getWithKey("/api/subscriptions/" + subscriptionId + "/deliveries");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        return page.path("items").valueStream().map(d -> d.path("status").asString()).toList();
    }
}

package io.steppewire.notify.delivery;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.StoreWrites;
import io.steppewire.notify.support.WebhookReceiver;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one alert costs the store: an alert delivered at its first attempt is written three times (its sequence
 * number, itself, its delivery's history) and never enters the pending queue; one that must be retried enters it
 * once, already holding its first attempt. The history of a delivered alert leaves its message to the alert.
 */
class DeliveryStoreWritesTest extends NotifyIntegrationTest {

    @Autowired
    StoreWrites writes;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aRateAlertDeliveredAtItsFirstAttemptCostsThreeDocumentWrites() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String subscriptionId = subscribe("""
                    {"name": "Somoni desk", "channel": {"type": "webhook", "url": "%s", "secret": "somoni-desk-secret-0001"},
                     "rules": {"pairs": [{"pair": "TJS/USD", "thresholdPct": 1.0, "direction": "either"}]}}
                    """.formatted(receiver.url()));
            RateChanged somoniFalls = somoniFalls(Instant.parse("2026-06-01T06:00:00Z"));

            publish(Topics.RATE_CHANGES, somoniFalls.pair(), somoniFalls.changeId(), somoniFalls);

            String alertId = EventIds.alert(subscriptionId, somoniFalls.changeId());
            awaitDelivered(subscriptionId, alertId);
            assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id).containsOnly(alertId);
            assertThat(costOf(alertId, subscriptionId)).extracting(StoreWrites.Written::collection)
                    .containsExactly("alert_sequences", "alerts", "deliveries");
            // The alert holds the message; the history of a delivered alert does not copy it.
            assertThat(mongo.getCollection("alerts").find(new Document("_id", alertId)).first()).containsKey("body");
            assertThat(mongo.getCollection("deliveries").find(new Document("_id", alertId)).first())
                    .containsEntry("status", "DELIVERED").doesNotContainKey("body");
        }
    }

    @Test
    void aRefusedFirstAttemptEntersThePendingQueueOnceWithItsAttemptAndIsRetried() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.refuseNext(1);
            String subscriptionId = subscribe("""
                    {"name": "Somoni night desk", "channel": {"type": "webhook", "url": "%s", "secret": "somoni-night-secret-01"},
                     "rules": {"pairs": [{"pair": "TJS/USD", "thresholdPct": 1.0, "direction": "either"}]}}
                    """.formatted(receiver.url()));
            RateChanged somoniFalls = somoniFalls(Instant.parse("2026-06-08T06:00:00Z"));

            publish(Topics.RATE_CHANGES, somoniFalls.pair(), somoniFalls.changeId(), somoniFalls);

            String alertId = EventIds.alert(subscriptionId, somoniFalls.changeId());
            JsonNode delivered = awaitDelivered(subscriptionId, alertId);
            assertThat(delivered.path("attemptCount").asInt()).isEqualTo(2);
            assertThat(delivered.path("attempts").get(0).path("statusCode").asInt()).isEqualTo(503);
            List<StoreWrites.Written> queue = costOf(alertId, subscriptionId).stream()
                    .filter(w -> w.collection().equals("pending_deliveries")).toList();
            // Entered once (the failed first attempt's record), claimed by the retry's poll, removed once delivered.
            assertThat(queue).extracting(StoreWrites.Written::command).containsExactly("update", "update", "delete");
        }
    }

    private JsonNode awaitDelivered(String subscriptionId, String alertId) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            var response = getWithKey("/api/subscriptions/" + subscriptionId + "/deliveries");
            assertThat(response.statusCode()).isEqualTo(200);
            // Listed once its first attempt is recorded: until then the poll asks again.
            JsonNode item = JSON.readTree(response.body()).path("items").valueStream()
                    .filter(d -> alertId.equals(d.path("alertId").asString())).findFirst().orElse(null);
            assertThat(item).isNotNull();
            assertThat(item.path("status").asString()).isEqualTo("delivered");
            found.add(item);
        });
        return found.getLast();
    }

    /** The documents written for the alert (under its id) and for its subscription's sequence counter. */
    private List<StoreWrites.Written> costOf(String alertId, String subscriptionId) {
        return writes.of(alertId, subscriptionId).stream()
                .filter(w -> w.id().equals(alertId) || w.collection().equals("alert_sequences")).toList();
    }

    /** The somoni falls 3 % in a day: a change no other test publishes. */
    private static RateChanged somoniFalls(Instant monday) {
        Instant tuesday = monday.plus(Duration.ofDays(1));
        return RateChanged.between(Stories.quote("TJS/USD", "0.0940", null, monday), Stories.quote("TJS/USD", "0.0911", null, tuesday),
                new BigDecimal("1.0"), tuesday);
    }
}

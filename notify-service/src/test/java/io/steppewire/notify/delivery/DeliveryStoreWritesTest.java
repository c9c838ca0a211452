package io.steppewire.notify.delivery;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.StoreWrites;
import io.steppewire.notify.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one alert costs the store once its endpoint is known: an alert delivered at its first attempt is written three
 * times (its sequence number, itself, its delivery's history) and never enters the pending queue; one that must be
 * retried enters it once, already holding its first attempt.
 */
class DeliveryStoreWritesTest extends NotifyIntegrationTest {

    @Autowired
    StoreWrites writes;

    @Test
    void aRateAlertDeliveredAtItsFirstAttemptCostsThreeDocumentWrites() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String subscriptionId = somoniDesk("Somoni desk", "somoni-desk-secret-0001", receiver);
            alreadyDeliveredTo(subscriptionId, Instant.parse("2026-05-25T06:00:00Z"));
            int mark = writes.mark();
            RateChanged somoniFalls = somoniFalls(Instant.parse("2026-06-01T06:00:00Z"));

            publish(Topics.RATE_CHANGES, somoniFalls.pair(), somoniFalls.changeId(), somoniFalls);

            String alertId = EventIds.alert(subscriptionId, somoniFalls.changeId());
            awaitDelivered(subscriptionId, alertId);
            assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id).contains(alertId);
            assertThat(costOf(mark, alertId, subscriptionId)).extracting(StoreWrites.Written::collection)
                    .containsExactly("alert_sequences", "alerts", "deliveries");
        }
    }

    @Test
    void aRefusedFirstAttemptEntersThePendingQueueOnceWithItsAttemptAndIsRetried() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String subscriptionId = somoniDesk("Somoni night desk", "somoni-night-secret-01", receiver);
            alreadyDeliveredTo(subscriptionId, Instant.parse("2026-06-15T06:00:00Z"));
            int mark = writes.mark();
            receiver.refuseNext(1);
            RateChanged somoniFalls = somoniFalls(Instant.parse("2026-06-08T06:00:00Z"));

            publish(Topics.RATE_CHANGES, somoniFalls.pair(), somoniFalls.changeId(), somoniFalls);

            String alertId = EventIds.alert(subscriptionId, somoniFalls.changeId());
            JsonNode delivered = awaitDelivered(subscriptionId, alertId);
            assertThat(delivered.path("attemptCount").asInt()).isEqualTo(2);
            assertThat(delivered.path("attempts").get(0).path("statusCode").asInt()).isEqualTo(503);
            List<StoreWrites.Written> queue = costOf(mark, alertId, subscriptionId).stream()
                    .filter(w -> w.collection().equals("pending_deliveries")).toList();
            // Entered once (the failed first attempt's record), claimed by the retry's poll, removed once delivered.
            assertThat(queue).extracting(StoreWrites.Written::command).containsExactly("update", "update", "delete");
        }
    }

    @Test
    void theFirstAlertForAnEndpointNotAttemptedYetIsQueuedBeforeItsAttempt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String subscriptionId = somoniDesk("Somoni new desk", "somoni-new-desk-secret-01", receiver);
            int mark = writes.mark();
            RateChanged somoniFalls = somoniFalls(Instant.parse("2026-06-22T06:00:00Z"));

            publish(Topics.RATE_CHANGES, somoniFalls.pair(), somoniFalls.changeId(), somoniFalls);

            String alertId = EventIds.alert(subscriptionId, somoniFalls.changeId());
            awaitDelivered(subscriptionId, alertId);
            // Nothing is known of how long its attempts take, so the consumer does not wait on it: queued, then removed.
            assertThat(costOf(mark, alertId, subscriptionId)).filteredOn(w -> w.collection().equals("pending_deliveries"))
                    .extracting(StoreWrites.Written::command).containsExactly("update", "delete");
        }
    }

    /** A desk subscribed to every 1 % move of the somoni, at the receiver. */
    private String somoniDesk(String name, String secret, WebhookReceiver receiver) {
        return subscribe("""
                {"name": "%s", "channel": {"type": "webhook", "url": "%s", "secret": "%s"},
                 "rules": {"pairs": [{"pair": "TJS/USD", "thresholdPct": 1.0, "direction": "either"}]}}
                """.formatted(name, receiver.url(), secret));
    }

    /**
     * One alert delivered to the subscription's endpoint first: an endpoint is attempted before anything is written
     * only once the service knows how long its attempts take.
     */
    private void alreadyDeliveredTo(String subscriptionId, Instant monday) throws Exception {
        RateChanged earlier = somoniFalls(monday);
        publish(Topics.RATE_CHANGES, earlier.pair(), earlier.changeId(), earlier);
        awaitDelivered(subscriptionId, EventIds.alert(subscriptionId, earlier.changeId()));
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

    /** The documents written since the mark for the alert (under its id) and for its subscription's sequence counter. */
    private List<StoreWrites.Written> costOf(int mark, String alertId, String subscriptionId) {
        return writes.since(mark, alertId, subscriptionId).stream()
                .filter(w -> w.id().equals(alertId) || w.collection().equals("alert_sequences")).toList();
    }

    /** The somoni falls 3 % in a day: a change no other test publishes. */
    private static RateChanged somoniFalls(Instant monday) {
        Instant tuesday = monday.plus(Duration.ofDays(1));
        return RateChanged.between(Stories.quote("TJS/USD", "0.0940", null, monday), Stories.quote("TJS/USD", "0.0911", null, tuesday),
                new BigDecimal("1.0"), tuesday);
    }
}

package io.steppewire.notify.delivery.outbox;

import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.delivery.DeliveryStatus;

import java.time.Duration;
import java.time.Instant;

/** Deliveries and attempts the outbox tests queue and record: one healthy receiver, one subscription. */
final class OutboxFixtures {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final String HEALTHY = "http://127.0.0.1:80";

    private OutboxFixtures() {
    }

    static DeliveryOutbox.NewDelivery delivery(String alertId) {
        return new DeliveryOutbox.NewDelivery(alertId, "subscription-1", "webhook", "{\"alert\":\"" + alertId + "\"}", HEALTHY);
    }

    /** Every delivery claimed on insert, leased from {@code now}. */
    static DeliveryOutbox.ClaimOnInsert claimAll(Instant now) {
        return new DeliveryOutbox.ClaimOnInsert(now.plus(LEASE), endpoint -> true);
    }

    static DeliveryOutbox.Attempted delivered(DeliveryOutbox.Claim claim, Instant at) {
        return new DeliveryOutbox.Attempted(claim, AttemptOutcome.success(at, Duration.ofMillis(3), 204), DeliveryStatus.DELIVERED, null, at);
    }

    static DeliveryOutbox.Attempted retried(DeliveryOutbox.Claim claim, Instant at, Instant retryAt) {
        return new DeliveryOutbox.Attempted(claim, AttemptOutcome.retryable(at, Duration.ofMillis(5), 503, "The receiver answered HTTP 503"),
                DeliveryStatus.PENDING, retryAt, at);
    }
}

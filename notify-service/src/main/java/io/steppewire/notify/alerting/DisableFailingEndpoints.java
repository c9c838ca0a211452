package io.steppewire.notify.alerting;

import io.steppewire.events.alert.DeliveryDisabled;
import io.steppewire.notify.delivery.DeliveryEndpoint;
import io.steppewire.notify.delivery.DeliveryStatus;
import io.steppewire.notify.delivery.outbox.DeliveryOutbox;
import io.steppewire.notify.delivery.outbox.DeliveryProperties;
import io.steppewire.notify.delivery.outbox.EndpointFailures;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.subscription.store.ManageSubscriptions;
import io.steppewire.notify.subscription.store.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Disables the delivery of webhook subscriptions whose endpoint has failed every attempt for longer than
 * {@code disable-after}, so a receiver that went away for good stops costing attempts: each such subscription shows
 * why, its pending deliveries end as failed (a recover after re-enabling sends them), and an {@code endpoint-disabled}
 * alert goes to its stream and to {@code alerts.v1}. A subscription changed (re-enabled) within the window keeps its
 * delivery until it too has failed that long. Any instance may run this: every step is conditional or idempotent.
 */
@Service
public class DisableFailingEndpoints {

    private static final Logger log = LoggerFactory.getLogger(DisableFailingEndpoints.class);

    private final EndpointFailures failures;
    private final SubscriptionStore store;
    private final ManageSubscriptions subscriptions;
    private final RaiseAlerts alerts;
    private final DeliveryOutbox outbox;
    private final DeliveryProperties properties;
    private final Clock clock;

    public DisableFailingEndpoints(EndpointFailures failures, SubscriptionStore store, ManageSubscriptions subscriptions, RaiseAlerts alerts,
                                   DeliveryOutbox outbox, DeliveryProperties properties, Clock clock) {
        this.failures = failures;
        this.store = store;
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${steppewire.notify.delivery.disable-check-interval:PT1M}",
            initialDelayString = "${steppewire.notify.delivery.disable-check-interval:PT1M}")
    public void scheduled() {
        try {
            disableNow(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not look for endpoints to disable; trying again at the next check: {}", e.toString());
        }
    }

    /** Disables what has failed long enough at {@code at}; returns the subscriptions disabled by this call. */
    public List<Subscription> disableNow(Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        Instant cutoff = now.minus(properties.disableAfter());
        Map<String, EndpointFailures.FailingEndpoint> failing = failures.failingSince(cutoff).stream()
                .collect(Collectors.toMap(EndpointFailures.FailingEndpoint::endpoint, f -> f));
        if (failing.isEmpty()) {
            return List.of();
        }
        List<Subscription> disabled = store.allLive().stream()
                .filter(s -> s.channel() instanceof Channel.Webhook && s.deliveryDisabled() == null && !s.updatedAt().isAfter(cutoff))
                .filter(s -> DeliveryEndpoint.of(s.channel()).map(failing::containsKey).orElse(false))
                .flatMap(s -> {
                    EndpointFailures.FailingEndpoint endpoint = failing.get(DeliveryEndpoint.of(s.channel()).orElseThrow());
                    return subscriptions.disableDelivery(s, new DeliveryDisabled(endpoint.endpoint(), endpoint.since(), now, endpoint.lastError()))
                            .stream();
                }).toList();
        for (Subscription subscription : disabled) {
            DeliveryDisabled why = Objects.requireNonNull(subscription.deliveryDisabled());
            alerts.forDeliveryDisabled(subscription, why);
            int ended = outbox.endPending(subscription.id(), DeliveryStatus.FAILED, disabledReason(why), now);
            log.warn("Disabled delivery of subscription {} to {}, failing since {}: {} pending deliveries ended as failed",
                    subscription.id(), why.endpoint(), why.failingSince(), ended);
        }
        return disabled;
    }

    /** The error a delivery that was not attempted because delivery is disabled carries in its history. */
    static String disabledReason(DeliveryDisabled why) {
        return "Delivery disabled: " + why.endpoint() + " failed every attempt since " + why.failingSince()
                + "; a PUT of the subscription enables it again, and deliveries/recover sends what failed";
    }
}

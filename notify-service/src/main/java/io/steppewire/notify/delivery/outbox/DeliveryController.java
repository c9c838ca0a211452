package io.steppewire.notify.delivery.outbox;

import io.steppewire.notify.delivery.DeliveryStatus;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.subscription.store.ManageSubscriptions;
import io.steppewire.platform.problem.ProblemException;
import io.steppewire.platform.security.Callers;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The delivery history of a subscription: every attempt with its time, status code, error and duration. */
@RestController
public class DeliveryController {

    static final int MAX_LIMIT = 500;

    /** One attempt as the API shows it. */
    public record AttemptView(Instant at, long durationMillis, @Nullable Integer statusCode, @Nullable String error) {
    }

    /**
     * One alert's delivery, or a digest's or roll-up's ({@code alertId} {@code digest.…} or {@code rollup.…}) with the
     * alerts it holds in {@code holds} (so far, while it is pending).
     */
    public record DeliveryView(String alertId, String channel, String status, int attemptCount, List<AttemptView> attempts,
                               Instant createdAt, @Nullable Instant nextAttemptAt, @Nullable Instant completedAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> holds) {
    }

    public record DeliveryPage(String subscriptionId, List<DeliveryView> items) {
    }

    /** Which failed deliveries to deliver once more: those that finally failed at or after {@code since}. */
    public record RecoverRequest(@Nullable Instant since) {
    }

    /** How many failed deliveries were queued again. */
    public record RecoverResult(String subscriptionId, int queued) {
    }

    private final DeliveryOutbox outbox;
    private final ManageSubscriptions subscriptions;
    private final DeliveryWorker worker;
    private final Digests digests;

    public DeliveryController(DeliveryOutbox outbox, ManageSubscriptions subscriptions, DeliveryWorker worker, Digests digests) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.worker = worker;
        this.digests = digests;
    }

    @Operation(summary = "Deliveries of a subscription's alerts, newest first (needs X-Api-Key: the owner's subscriber key or the admin key)")
    @GetMapping(path = "/api/subscriptions/{id}/deliveries", produces = "application/json")
    public DeliveryPage deliveries(@PathVariable String id, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("Invalid parameter: limit", "limit must be between 1 and " + MAX_LIMIT + "; got " + limit);
        }
        // Another subscriber's subscription answers 404, as one that does not exist.
        subscriptions.find(id, Callers.required());
        List<DeliveryOutbox.Delivery> deliveries = outbox.ofSubscription(id, limit);
        Map<String, List<String>> holdings = digests.holdings(deliveries.stream().map(DeliveryOutbox.Delivery::alertId).toList());
        List<DeliveryView> items = deliveries.stream().map(d -> new DeliveryView(d.alertId(), d.channel(),
                d.status().name().toLowerCase(Locale.ROOT), d.attemptCount(),
                d.attempts().stream().map(a -> new AttemptView(a.at(), a.durationMillis(), a.statusCode(), a.error())).toList(),
                d.createdAt(), d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt() : null, d.completedAt(),
                Digests.isBundle(d.alertId()) ? holdings.getOrDefault(d.alertId(), List.of()) : null)).toList();
        return new DeliveryPage(id, items);
    }

    @Operation(summary = "Queue every delivery of the subscription that finally failed since a time for one more delivery, "
            + "once each, oldest first (needs X-Api-Key: the owner's subscriber key or the admin key)")
    @PostMapping(path = "/api/subscriptions/{id}/deliveries/recover", consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public RecoverResult recover(@PathVariable String id, @RequestBody RecoverRequest request) {
        // Another subscriber's subscription answers 404, as one that does not exist: looked up before the body is checked.
        Subscription subscription = subscriptions.find(id, Callers.required());
        Instant since = request.since();
        if (since == null) {
            throw ProblemException.badRequest("Invalid body: since", "since is required: the time (ISO-8601, e.g. "
                    + "2026-03-14T00:00:00Z) from which finally failed deliveries are delivered again");
        }
        int queued = outbox.recover(subscription.id(), since);
        if (queued > 0) {
            worker.wake();
        }
        return new RecoverResult(id, queued);
    }
}

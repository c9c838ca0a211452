package io.steppewire.notify.subscription.store;

import io.steppewire.events.alert.DeliveryDisabled;
import io.steppewire.notify.matching.SubscriptionIndex;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.subscription.SubscriptionRequest;
import io.steppewire.notify.subscription.SubscriptionSpec;
import io.steppewire.notify.subscription.InvalidSubscriptionException;
import io.steppewire.notify.subscription.SubscriptionValidator;
import io.steppewire.platform.problem.ProblemException;
import io.steppewire.platform.security.ApiCaller;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The subscription use cases: create, replace, delete, read. Every change reaches this instance's index at once.
 * A subscription belongs to the subscriber key that created it: another subscriber key is told it does not
 * exist (404, the same answer as for an id nobody used), so no caller learns of others' subscriptions; the
 * admin key reaches all of them.
 */
@Service
public class ManageSubscriptions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionValidator validator;
    private final SubscriptionStore store;
    private final SubscriptionIndex index;
    private final Clock clock;

    public ManageSubscriptions(SubscriptionValidator validator, SubscriptionStore store, SubscriptionIndex index, Clock clock) {
        this.validator = validator;
        this.store = store;
        this.index = index;
        this.clock = clock;
    }

    public Subscription create(SubscriptionRequest request, ApiCaller caller) {
        SubscriptionSpec spec = validate(request);
        Instant now = now();
        Subscription created = new Subscription(UUID.randomUUID().toString(), spec.name(), spec.channel(), spec.rules(),
                newStreamToken(), now, now, 1, false, caller.keyId(), null, spec.quietHours(), spec.digest(), spec.maxPerHour(), null);
        store.insert(created);
        index.apply(created);
        return created;
    }

    /** The owner stays whoever replaces it (the admin key may); a replaced subscription is enabled and not paused. */
    public Subscription replace(String id, SubscriptionRequest request, ApiCaller caller) {
        Subscription current = find(id, caller);
        SubscriptionSpec spec = validate(request);
        Subscription replaced = new Subscription(id, spec.name(), spec.channel(), spec.rules(), current.streamToken(),
                current.createdAt(), laterThan(current.updatedAt()), current.version() + 1, false, current.ownerKeyId(), null,
                spec.quietHours(), spec.digest(), spec.maxPerHour(), null);
        if (!store.replace(replaced, current.version())) {
            throw ProblemException.conflict("Subscription " + id + " was changed by another request meanwhile; read it again and repeat the change.");
        }
        index.apply(replaced);
        return replaced;
    }

    public void delete(String id, ApiCaller caller) {
        Subscription current = find(id, caller);
        Subscription tombstone = current.changed(laterThan(current.updatedAt()), true, null, current.pausedAt());
        if (!store.replace(tombstone, current.version())) {
            throw ProblemException.conflict("Subscription " + id + " was changed by another request meanwhile; try the delete again.");
        }
        index.apply(tombstone);
    }

    /**
     * Disables the subscription's delivery because its endpoint kept failing, unless it was deleted, is disabled
     * already, or changed meanwhile. Returns the disabled subscription, or empty when nothing was changed.
     */
    public Optional<Subscription> disableDelivery(Subscription current, DeliveryDisabled why) {
        if (current.deleted() || current.deliveryDisabled() != null) {
            return Optional.empty();
        }
        Subscription disabled = current.changed(laterThan(current.updatedAt()), false, why, current.pausedAt());
        if (!store.replace(disabled, current.version())) {
            return Optional.empty();
        }
        index.apply(disabled);
        return Optional.of(disabled);
    }

    /**
     * Pauses the subscription (its unsubscribe link): it raises no alerts until a PUT resumes it. Already paused or
     * deleted: nothing changes. Returns it as it is afterwards, or empty when it does not exist or was deleted.
     */
    public Optional<Subscription> pause(String id) {
        for (int tries = 0; tries < 3; tries++) {
            Optional<Subscription> current = store.find(id).filter(s -> !s.deleted());
            if (current.isEmpty() || current.get().pausedAt() != null) {
                return current;
            }
            Subscription paused = current.get().changed(laterThan(current.get().updatedAt()), false, current.get().deliveryDisabled(), now());
            if (store.replace(paused, current.get().version())) {
                index.apply(paused);
                return Optional.of(paused);
            }
        }
        throw ProblemException.conflict("Subscription " + id + " kept changing meanwhile; send the request again.");
    }

    /** @throws ProblemException 404 when it does not exist, was deleted, or belongs to another subscriber */
    public Subscription find(String id, ApiCaller caller) {
        return store.find(id).filter(s -> !s.deleted() && caller.mayAccess(s.ownerKeyId()))
                .orElseThrow(() -> notFound(id));
    }

    /** A live subscription whoever owns it, for callers that prove their right otherwise (the stream's token). */
    public Subscription findLive(String id) {
        return store.find(id).filter(s -> !s.deleted()).orElseThrow(() -> notFound(id));
    }

    /** The caller's own subscriptions; all of them for the admin key. */
    public List<Subscription> list(ApiCaller caller, int offset, int limit) {
        if (caller.isAdmin()) {
            return store.list(offset, limit);
        }
        String keyId = caller.keyId();
        return keyId == null ? List.of() : store.listOwnedBy(keyId, offset, limit);
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("There is no subscription with id " + id + ".");
    }

    /** @throws ProblemException 400 listing every refused field in {@code errors} */
    private SubscriptionSpec validate(SubscriptionRequest request) {
        try {
            return validator.validate(request);
        } catch (InvalidSubscriptionException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid subscription", e.violations().stream()
                    .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")))
                    .with("errors", e.violations());
        }
    }

    private Instant now() {
        // MongoDB keeps milliseconds; trimming here makes what we answer equal what we read back later.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Instant laterThan(Instant previous) {
        Instant now = now();
        return now.isAfter(previous) ? now : previous.plusMillis(1);
    }

    private static String newStreamToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

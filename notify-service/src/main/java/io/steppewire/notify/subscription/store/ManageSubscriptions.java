package io.steppewire.notify.subscription.store;

import io.steppewire.notify.matching.SubscriptionIndex;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.subscription.SubscriptionRequest;
import io.steppewire.notify.subscription.SubscriptionSpec;
import io.steppewire.notify.subscription.SubscriptionValidator;
import io.steppewire.notify.web.ConflictException;
import io.steppewire.notify.web.NotFoundException;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The subscription use cases: create, replace, delete, read. Every change reaches this instance's index at once. */
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

    public Subscription create(SubscriptionRequest request) {
        SubscriptionSpec spec = validator.validate(request);
        Instant now = now();
        Subscription created = new Subscription(UUID.randomUUID().toString(), spec.name(), spec.channel(), spec.rules(),
                newStreamToken(), now, now, 1, false);
        store.insert(created);
        index.apply(created);
        return created;
    }

    public Subscription replace(String id, SubscriptionRequest request) {
        SubscriptionSpec spec = validator.validate(request);
        Subscription current = find(id);
        Subscription replaced = new Subscription(id, spec.name(), spec.channel(), spec.rules(), current.streamToken(),
                current.createdAt(), laterThan(current.updatedAt()), current.version() + 1, false);
        if (!store.replace(replaced, current.version())) {
            throw new ConflictException("Subscription " + id + " was changed by another request meanwhile; read it again and repeat the change.");
        }
        index.apply(replaced);
        return replaced;
    }

    public void delete(String id) {
        Subscription current = find(id);
        Subscription tombstone = new Subscription(id, current.name(), current.channel(), current.rules(), current.streamToken(),
                current.createdAt(), laterThan(current.updatedAt()), current.version() + 1, true);
        if (!store.replace(tombstone, current.version())) {
            throw new ConflictException("Subscription " + id + " was changed by another request meanwhile; try the delete again.");
        }
        index.apply(tombstone);
    }

    public Subscription find(String id) {
        return store.find(id).filter(s -> !s.deleted())
                .orElseThrow(() -> new NotFoundException("There is no subscription with id " + id + "."));
    }

    public List<Subscription> list(int offset, int limit) {
        return store.list(offset, limit);
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

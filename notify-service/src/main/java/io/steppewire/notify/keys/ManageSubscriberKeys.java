package io.steppewire.notify.keys;

import io.steppewire.platform.problem.ProblemException;
import io.steppewire.platform.security.SubscriberKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Issues, lists and revokes subscriber keys (admin only, by the access rules). */
@Service
public class ManageSubscriberKeys {

    public static final int MAX_NAME_LENGTH = 100;

    private final SubscriberKeyStore store;
    private final CachingKeyResolver resolver;
    private final Clock clock;

    public ManageSubscriberKeys(SubscriberKeyStore store, CachingKeyResolver resolver, Clock clock) {
        this.store = store;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** @throws ProblemException 400 naming what is wrong with the name */
    public IssuedKey issue(@Nullable String name) {
        String accepted = acceptedName(name);
        String key = SubscriberKeys.generate();
        SubscriberKey stored = new SubscriberKey(UUID.randomUUID().toString(), accepted, SubscriberKeys.hash(key),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), null);
        store.insert(stored);
        return new IssuedKey(stored, key);
    }

    public List<SubscriberKey> list(int offset, int limit) {
        return store.list(offset, limit);
    }

    public SubscriberKey find(String id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("There is no subscriber key with id " + id + "."));
    }

    /**
     * Revokes the key: at once on this instance, within 2 s on every other (their caches trust a key for at most 1 s).
     * Revoking a revoked key changes nothing. Subscriptions created with the key stay, visible to the admin key only.
     */
    public void revoke(String id) {
        SubscriberKey key = find(id);
        store.revoke(id, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        resolver.forget(key.keyHash());
    }

    /**
     * A new key for the same subscriber: same id, so it keeps its subscriptions; the old key stops working at once on
     * this instance and within 2 s on every other. A revoked key is not brought back this way (409).
     */
    public IssuedKey rotate(String id) {
        SubscriberKey current = find(id);
        String key = SubscriberKeys.generate();
        if (current.isRevoked() || !store.rotate(id, SubscriberKeys.hash(key))) {
            throw ProblemException.conflict("Subscriber key " + id + " is revoked; a revoked key stays revoked. Issue a new key "
                    + "with POST /api/keys (subscriptions of the revoked key stay with the admin key).");
        }
        resolver.forget(current.keyHash());
        return new IssuedKey(new SubscriberKey(id, current.name(), SubscriberKeys.hash(key), current.createdAt(), null), key);
    }

    static String acceptedName(@Nullable String name) {
        Optional<String> refusal = nameRefusal(name);
        if (refusal.isPresent()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid key request", "name " + refusal.get())
                    .with("errors", List.of(Map.of("field", "name", "message", refusal.get())));
        }
        return name.strip();
    }

    /** What is wrong with a key's name, or empty when it is accepted. */
    static Optional<String> nameRefusal(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("is required: who or what the key is for, e.g. \"Almaty newsroom\"");
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME_LENGTH) {
            return Optional.of("has " + stripped.length() + " characters; at most " + MAX_NAME_LENGTH + " are accepted");
        }
        for (int i = 0; i < stripped.length(); i++) {
            int type = Character.getType(stripped.charAt(i));
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return Optional.of("contains a control or format character at position " + i
                        + " (such as a line break or a direction override); use visible text only");
            }
        }
        return Optional.empty();
    }
}

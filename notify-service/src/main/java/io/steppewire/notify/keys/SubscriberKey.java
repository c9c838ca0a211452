package io.steppewire.notify.keys;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A subscriber key as stored: never the key itself, only its hash ({@link io.steppewire.platform.security.SubscriberKeys#hash}).
 *
 * @param id        names the key in the API and owns the subscriptions created with it
 * @param name      who or what the key is for, chosen by the admin
 * @param keyHash   SHA-256 of the key, unique
 * @param revokedAt when the key stopped working; {@code null} while it works
 */
@Document(SubscriberKey.COLLECTION)
public record SubscriberKey(@Id String id, String name, String keyHash, Instant createdAt, @Nullable Instant revokedAt) {

    static final String COLLECTION = "subscriber_keys";

    public boolean isRevoked() {
        return revokedAt != null;
    }
}

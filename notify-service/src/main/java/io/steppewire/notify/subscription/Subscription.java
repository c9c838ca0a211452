package io.steppewire.notify.subscription;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A subscriber's standing order: which events to watch and where to send alerts.
 *
 * @param id          random, assigned at creation
 * @param streamToken bearer token for the subscription's event stream
 * @param version     grows with every change, so that instances apply changes in order
 * @param deleted     a deleted subscription is kept as a tombstone so that every instance learns of it
 * @param ownerKeyId  the id of the subscriber key that created it, which alone (besides the admin key) may see
 *                    and change it; {@code null} when created with the admin key
 */
public record Subscription(String id, String name, Channel channel, Rules rules, String streamToken,
                           Instant createdAt, Instant updatedAt, long version, boolean deleted,
                           @Nullable String ownerKeyId) {
}

package io.steppewire.notify.subscription;

import io.steppewire.events.alert.DeliveryDisabled;
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
 * @param deliveryDisabled set when its endpoint failed for longer than the service allows: alerts are still raised
 *                    and streamed, but not sent; any change of the subscription (PUT) enables delivery again
 * @param quietHours  when pushed alerts wait, if ever
 */
public record Subscription(String id, String name, Channel channel, Rules rules, String streamToken,
                           Instant createdAt, Instant updatedAt, long version, boolean deleted,
                           @Nullable String ownerKeyId, @Nullable DeliveryDisabled deliveryDisabled,
                           @Nullable QuietHours quietHours) {

    /** A subscription without quiet hours. */
    public Subscription(String id, String name, Channel channel, Rules rules, String streamToken, Instant createdAt, Instant updatedAt,
                        long version, boolean deleted, @Nullable String ownerKeyId, @Nullable DeliveryDisabled deliveryDisabled) {
        this(id, name, channel, rules, streamToken, createdAt, updatedAt, version, deleted, ownerKeyId, deliveryDisabled, null);
    }

    /** A subscription whose delivery is enabled. */
    public Subscription(String id, String name, Channel channel, Rules rules, String streamToken, Instant createdAt, Instant updatedAt,
                        long version, boolean deleted, @Nullable String ownerKeyId) {
        this(id, name, channel, rules, streamToken, createdAt, updatedAt, version, deleted, ownerKeyId, null);
    }
}

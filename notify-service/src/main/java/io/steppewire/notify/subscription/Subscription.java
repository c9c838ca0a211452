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
 * @param digest      when pushed alerts are sent together, one message per digest; {@code null} for each at once
 * @param maxPerHour  at most this many alerts are pushed one by one in a clock hour (UTC); the others of the hour are
 *                    sent together when it ends; {@code null} for no limit
 * @param pausedAt    when the subscriber paused it (its unsubscribe link): it raises no alerts and sends nothing until a
 *                    PUT resumes it
 */
public record Subscription(String id, String name, Channel channel, Rules rules, String streamToken,
                           Instant createdAt, Instant updatedAt, long version, boolean deleted,
                           @Nullable String ownerKeyId, @Nullable DeliveryDisabled deliveryDisabled,
                           @Nullable QuietHours quietHours, @Nullable Digest digest, @Nullable Integer maxPerHour,
                           @Nullable Instant pausedAt) {

    /** A subscription that sends each alert at once, never paused. */
    public Subscription(String id, String name, Channel channel, Rules rules, String streamToken, Instant createdAt, Instant updatedAt,
                        long version, boolean deleted, @Nullable String ownerKeyId, @Nullable DeliveryDisabled deliveryDisabled,
                        @Nullable QuietHours quietHours) {
        this(id, name, channel, rules, streamToken, createdAt, updatedAt, version, deleted, ownerKeyId, deliveryDisabled, quietHours,
                null, null, null);
    }

    /** The same subscription, a new version changed at {@code updatedAt}: deleted, disabled or paused as given. */
    public Subscription changed(Instant updatedAt, boolean deleted, @Nullable DeliveryDisabled deliveryDisabled, @Nullable Instant pausedAt) {
        return new Subscription(id, name, channel, rules, streamToken, createdAt, updatedAt, version + 1, deleted, ownerKeyId,
                deliveryDisabled, quietHours, digest, maxPerHour, pausedAt);
    }

    /** Whether alerts matching it are raised: not deleted and not paused. */
    public boolean live() {
        return !deleted && pausedAt == null;
    }

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

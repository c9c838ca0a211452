package io.steppewire.notify.subscription;

import org.jspecify.annotations.Nullable;

/** The validated, client-chosen part of a subscription. */
public record SubscriptionSpec(String name, Channel channel, Rules rules, @Nullable QuietHours quietHours, @Nullable Digest digest,
                               @Nullable Integer maxPerHour) {

    public SubscriptionSpec(String name, Channel channel, Rules rules) {
        this(name, channel, rules, null, null, null);
    }
}

package io.steppewire.notify.subscription;

import org.jspecify.annotations.Nullable;

/** The validated, client-chosen part of a subscription. */
public record SubscriptionSpec(String name, Channel channel, Rules rules, @Nullable QuietHours quietHours) {

    public SubscriptionSpec(String name, Channel channel, Rules rules) {
        this(name, channel, rules, null);
    }
}

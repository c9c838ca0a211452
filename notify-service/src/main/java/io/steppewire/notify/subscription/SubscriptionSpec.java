package io.steppewire.notify.subscription;

/** The validated, client-chosen part of a subscription. */
public record SubscriptionSpec(String name, Channel channel, Rules rules) {
}

package io.steppewire.notify.subscription.api;

import java.util.List;

/** One page of subscriptions, oldest first. */
public record SubscriptionPage(List<SubscriptionResponse> items, int offset, int limit) {
}

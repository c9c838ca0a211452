package io.steppewire.notify.preview;

import io.steppewire.notify.subscription.SubscriptionRequest;
import org.jspecify.annotations.Nullable;

/**
 * A subscription body as for creating one, plus the period to replay. The name and channel may be left out: nothing is
 * delivered.
 *
 * @param from the start of the period, an ISO-8601 instant such as {@code 2026-03-01T00:00:00Z}, inclusive
 * @param to   its end, exclusive
 */
public record PreviewRequest(@Nullable String name, SubscriptionRequest.@Nullable ChannelRequest channel,
                             SubscriptionRequest.@Nullable RulesRequest rules, @Nullable String from, @Nullable String to) {
}

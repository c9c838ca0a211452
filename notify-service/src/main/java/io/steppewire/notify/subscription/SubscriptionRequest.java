package io.steppewire.notify.subscription;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * A subscription as a client writes it, before validation: every field may be missing or wrong, and
 * {@link SubscriptionValidator} says which.
 */
public record SubscriptionRequest(@Nullable String name, @Nullable ChannelRequest channel, @Nullable RulesRequest rules) {

    /**
     * @param type    {@code webhook}, {@code sse} or {@code email}
     * @param url     webhook address
     * @param secret  webhook signing secret
     * @param address e-mail address
     */
    public record ChannelRequest(@Nullable String type, @Nullable String url, @Nullable String secret,
                                 @Nullable String address) {
    }

    public record RulesRequest(@Nullable List<@Nullable String> countries, @Nullable List<@Nullable String> tags,
                               @Nullable List<@Nullable String> entities, @Nullable String query,
                               @Nullable List<@Nullable PairRuleRequest> pairs) {
    }

    /**
     * @param thresholdPct the threshold as written, a JSON number or string: kept as text so that it is read only as a
     *                     plain decimal of bounded size ({@link io.steppewire.events.SaneDecimals}), and a value such as
     *                     {@code 1E-500000000} is refused before any {@code BigDecimal} exists
     * @param direction    {@code up}, {@code down} or {@code either} (the default)
     */
    public record PairRuleRequest(@Nullable String pair, @Nullable String thresholdPct, @Nullable String direction) {
    }
}

package io.steppewire.notify.subscription;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * A subscription as a client writes it, before validation: every field may be missing or wrong, and
 * {@link SubscriptionValidator} says which.
 */
public record SubscriptionRequest(@Nullable String name, @Nullable ChannelRequest channel, @Nullable RulesRequest rules,
                                  @Nullable QuietHoursRequest quietHours, @Nullable DeliveryRequest delivery,
                                  @Nullable String maxPerHour) {

    public SubscriptionRequest(@Nullable String name, @Nullable ChannelRequest channel, @Nullable RulesRequest rules) {
        this(name, channel, rules, null, null, null);
    }

    /**
     * @param mode   {@code instant} (the default: each alert at once) or {@code digest}
     * @param digest when digests are sent, for mode {@code digest}
     */
    public record DeliveryRequest(@Nullable String mode, @Nullable DigestRequest digest) {
    }

    /**
     * @param every    {@code day} or {@code week}
     * @param at       {@code HH:mm} on the subscriber's clock
     * @param timezone an IANA time zone, e.g. {@code Asia/Almaty}
     * @param day      the weekday of a weekly digest ({@code monday}, the default, to {@code sunday})
     */
    public record DigestRequest(@Nullable String every, @Nullable String at, @Nullable String timezone, @Nullable String day) {
    }

    /**
     * @param from     start of the quiet hours, {@code HH:mm} on the subscriber's clock
     * @param to       end, {@code HH:mm}; earlier than {@code from} when they span midnight
     * @param timezone an IANA time zone, e.g. {@code Asia/Almaty}
     */
    public record QuietHoursRequest(@Nullable String from, @Nullable String to, @Nullable String timezone) {
    }

    /**
     * @param type    {@code webhook}, {@code sse} or {@code email}
     * @param url     webhook address
     * @param secret  webhook signing secret
     * @param address e-mail address
     */
    public record ChannelRequest(@Nullable String type, @Nullable String url, @Nullable String secret,
                                 @Nullable String address) {
    }

    /** @param perStory one alert per story (the default) or, when false, one per article */
    public record RulesRequest(@Nullable List<@Nullable String> countries, @Nullable List<@Nullable String> tags,
                               @Nullable List<@Nullable String> entities, @Nullable String query,
                               @Nullable List<@Nullable PairRuleRequest> pairs, @Nullable Boolean perStory) {

        public RulesRequest(@Nullable List<@Nullable String> countries, @Nullable List<@Nullable String> tags,
                            @Nullable List<@Nullable String> entities, @Nullable String query,
                            @Nullable List<@Nullable PairRuleRequest> pairs) {
            this(countries, tags, entities, query, pairs, null);
        }
    }

    /**
     * @param thresholdPct the threshold as written, a JSON number or string: kept as text so that it is read only as a
     *                     plain decimal of bounded size ({@link io.steppewire.events.SaneDecimals}), and a value such as
     *                     {@code 1E-500000000} is refused before any {@code BigDecimal} exists
     * @param direction    {@code up}, {@code down} or {@code either} (the default); a level takes up or down
     * @param kind         {@code change} (the default), {@code window}, {@code level}, {@code sinceLastAlert} or
     *                     {@code divergence}
     * @param window       {@code 24h}, {@code 7d} or {@code 30d}, for a window rule
     * @param level        the rate, as a decimal string, for a level rule
     * @param hysteresisPct how far back past the level (percent of it) re-arms a level rule; text, like thresholdPct
     * @param minIntervalMinutes the least time between two firings; text, so that a huge number is refused, not overflowed
     */
    public record PairRuleRequest(@Nullable String kind, @Nullable String pair, @Nullable String thresholdPct,
                                  @Nullable String direction, @Nullable String window, @Nullable String level,
                                  @Nullable String hysteresisPct, @Nullable String minIntervalMinutes) {

        /** A change rule as written before kinds existed. */
        public PairRuleRequest(@Nullable String pair, @Nullable String thresholdPct, @Nullable String direction) {
            this(null, pair, thresholdPct, direction, null, null, null, null);
        }
    }
}

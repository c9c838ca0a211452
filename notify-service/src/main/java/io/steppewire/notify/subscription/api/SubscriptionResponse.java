package io.steppewire.notify.subscription.api;

import io.steppewire.events.alert.DeliveryDisabled;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.Digest;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.QuietHours;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.platform.security.ApiCaller;
import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.annotation.JsonSerialize;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A subscription as the API shows it. The webhook secret is never echoed; {@code secretSet} says that
 * one is stored. {@code ownerKeyId} (the subscriber key that created it) is shown to the admin key only, and
 * is absent for subscriptions the admin key created. {@code deliveryDisabled} is present while delivery is disabled
 * because the endpoint kept failing; a PUT of the subscription enables it again. {@code quietHours} is present when
 * the subscription has them.
 */
public record SubscriptionResponse(String id, String name, ChannelView channel, RulesView rules, String streamToken,
                                   Instant createdAt, Instant updatedAt, long version,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String ownerKeyId,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable DeliveryDisabled deliveryDisabled,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable QuietHoursView quietHours,
                                   DeliveryView delivery,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer maxPerHour,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant pausedAt) {

    /** {@code mode} instant or digest, with the digest's schedule for the latter. */
    public record DeliveryView(String mode, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable DigestView digest) {

        static DeliveryView of(@Nullable Digest d) {
            return d == null ? new DeliveryView("instant", null) : new DeliveryView("digest", new DigestView(d.every().jsonName(),
                    d.at().toString(), d.zone().getId(), d.every() == Digest.Every.WEEK ? d.day().name().toLowerCase(Locale.ROOT) : null));
        }
    }

    public record DigestView(String every, String at, String timezone, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String day) {
    }

    public record QuietHoursView(String from, String to, String timezone) {

        static @Nullable QuietHoursView of(@Nullable QuietHours q) {
            return q == null ? null : new QuietHoursView(q.from().toString(), q.to().toString(), q.zone().getId());
        }
    }

    public record ChannelView(String type, @Nullable String url, @Nullable Boolean secretSet, @Nullable String address) {
    }

    public record RulesView(List<String> countries, List<String> tags, List<String> entities, @Nullable String query,
                            List<PairRuleView> pairs, boolean perStory) {
    }

    /** A rule with the fields of its kind; the others are left out. A level is a decimal string, as it is written. */
    public record PairRuleView(String kind, String pair,
                               @JsonInclude(JsonInclude.Include.NON_NULL) @JsonSerialize(using = PlainDecimalSerializer.class)
                               @Nullable BigDecimal thresholdPct,
                               String direction,
                               @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String window,
                               @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String level,
                               @JsonInclude(JsonInclude.Include.NON_NULL) @JsonSerialize(using = PlainDecimalSerializer.class)
                               @Nullable BigDecimal hysteresisPct,
                               int minIntervalMinutes) {

        public static PairRuleView of(PairRule p) {
            return new PairRuleView(p.kind().jsonName(), p.pair().toString(), p.thresholdPct(), p.direction().name().toLowerCase(Locale.ROOT),
                    p.window() == null ? null : p.window().jsonName(),
                    p.level() == null ? null : p.level().toPlainString(), p.hysteresisPct(), p.minIntervalMinutes());
        }
    }

    static SubscriptionResponse of(Subscription s, ApiCaller caller) {
        ChannelView channel = switch (s.channel()) {
            case Channel.Webhook w -> new ChannelView(w.type(), w.url().toString(), true, null);
            case Channel.ServerSentEvents sse -> new ChannelView(sse.type(), null, null, null);
            case Channel.Email e -> new ChannelView(e.type(), null, null, e.address());
        };
        Rules r = s.rules();
        RulesView rules = new RulesView(r.countries().stream().sorted().toList(), r.tags().stream().sorted().toList(),
                r.entities().stream().sorted().toList(), r.queryText(),
                r.pairs().stream().map(PairRuleView::of).toList(), r.perStory());
        return new SubscriptionResponse(s.id(), s.name(), channel, rules, s.streamToken(), s.createdAt(), s.updatedAt(), s.version(),
                caller.isAdmin() ? s.ownerKeyId() : null, s.deliveryDisabled(), QuietHoursView.of(s.quietHours()),
                DeliveryView.of(s.digest()), s.maxPerHour(), s.pausedAt());
    }
}

package io.steppewire.notify.subscription.store;

import io.steppewire.events.SaneDecimals;
import io.steppewire.events.alert.DeliveryDisabled;
import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.Direction;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.Digest;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.QuietHours;
import io.steppewire.notify.subscription.RateWindow;
import io.steppewire.notify.subscription.RuleKind;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.query.QueryParser;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.math.BigDecimal;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A subscription as stored in MongoDB; thresholds are kept as decimal text so that no precision is lost.
 * {@code ownerKeyId} is absent for subscriptions created with the admin key (and for those stored before
 * subscriber keys existed), which only the admin key sees.
 */
@Document(SubscriptionDocument.COLLECTION)
record SubscriptionDocument(@Id String id, String name, ChannelDocument channel, RulesDocument rules, String streamToken,
                            Instant createdAt, Instant updatedAt, long version, boolean deleted, @Nullable String ownerKeyId,
                            @Nullable DeliveryDisabledDocument deliveryDisabled, @Nullable QuietHoursDocument quietHours,
                            @Nullable DigestDocument digest, @Nullable Integer maxPerHour, @Nullable Instant pausedAt) {

    static final String COLLECTION = "subscriptions";

    record ChannelDocument(String type, @Nullable String url, @Nullable String secret, @Nullable String address) {
    }

    /** {@code perStory} is absent from subscriptions stored before it existed: they get the default, one alert per story. */
    record RulesDocument(List<String> countries, List<String> tags, List<String> entities, @Nullable String query,
                         List<PairRuleDocument> pairs, @Nullable Boolean perStory) {
    }

    /** Decimals as text, like the threshold; {@code kind} is absent from rules stored before kinds existed: change rules. */
    record PairRuleDocument(String pair, @Nullable String thresholdPct, String direction, @Nullable String kind,
                            @Nullable String window, @Nullable String level, @Nullable String hysteresisPct,
                            @Nullable Integer minIntervalMinutes) {

        static PairRuleDocument of(PairRule p) {
            return new PairRuleDocument(p.pair().toString(), plain(p.thresholdPct()), p.direction().name().toLowerCase(Locale.ROOT),
                    p.kind().jsonName(), p.window() == null ? null : p.window().jsonName(), plain(p.level()), plain(p.hysteresisPct()),
                    p.minIntervalMinutes());
        }

        PairRule toRule() {
            return new PairRule(kind == null ? RuleKind.CHANGE : RuleKind.ofJsonName(kind).orElseThrow(), CurrencyPair.parse(pair),
                    decimal(thresholdPct, "thresholdPct"), Direction.valueOf(direction.toUpperCase(Locale.ROOT)),
                    window == null ? null : RateWindow.ofJsonName(window).orElseThrow(), decimal(level, "level"),
                    decimal(hysteresisPct, "hysteresisPct"), minIntervalMinutes == null ? 0 : minIntervalMinutes);
        }

        private static @Nullable String plain(@Nullable BigDecimal value) {
            return value == null ? null : value.toPlainString();
        }

        // Written as the plain text of a checked value; bounded again on the way back so that no stored text, however it
        // got there, is ever formatted at unbounded cost (an exponent such as 1E-500000000 fails here, not in toPlainString).
        private static @Nullable BigDecimal decimal(@Nullable String text, String field) {
            return text == null ? null : SaneDecimals.derived(new BigDecimal(text), field);
        }
    }

    record DeliveryDisabledDocument(String endpoint, Instant failingSince, Instant disabledAt, @Nullable String lastError) {
    }

    /** Wall-clock times as {@code HH:mm} and the zone's IANA name, as the subscriber wrote them. */
    record QuietHoursDocument(String from, String to, String timezone) {

        static @Nullable QuietHoursDocument of(@Nullable QuietHours q) {
            return q == null ? null : new QuietHoursDocument(q.from().toString(), q.to().toString(), q.zone().getId());
        }

        QuietHours toQuietHours() {
            return new QuietHours(LocalTime.parse(from), LocalTime.parse(to), ZoneId.of(timezone));
        }
    }

    /** A digest's schedule as written: {@code every} (day or week), {@code HH:mm}, the zone's IANA name, the weekday. */
    record DigestDocument(String every, String at, String timezone, String day) {

        static @Nullable DigestDocument of(@Nullable Digest d) {
            return d == null ? null : new DigestDocument(d.every().jsonName(), d.at().toString(), d.zone().getId(),
                    d.day().name().toLowerCase(Locale.ROOT));
        }

        Digest toDigest() {
            return new Digest(Digest.Every.ofJsonName(every).orElseThrow(), LocalTime.parse(at), ZoneId.of(timezone),
                    DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
        }
    }

    static SubscriptionDocument of(Subscription s) {
        ChannelDocument channel = switch (s.channel()) {
            case Channel.Webhook w -> new ChannelDocument(w.type(), w.url().toString(), w.secret(), null);
            case Channel.ServerSentEvents sse -> new ChannelDocument(sse.type(), null, null, null);
            case Channel.Email e -> new ChannelDocument(e.type(), null, null, e.address());
        };
        Rules r = s.rules();
        RulesDocument rules = new RulesDocument(List.copyOf(r.countries()), List.copyOf(r.tags()), List.copyOf(r.entities()),
                r.queryText(), r.pairs().stream().map(PairRuleDocument::of).toList(), r.perStory());
        DeliveryDisabled disabled = s.deliveryDisabled();
        return new SubscriptionDocument(s.id(), s.name(), channel, rules, s.streamToken(), s.createdAt(), s.updatedAt(),
                s.version(), s.deleted(), s.ownerKeyId(), disabled == null ? null : new DeliveryDisabledDocument(disabled.endpoint(),
                disabled.failingSince(), disabled.disabledAt(), disabled.lastError()), QuietHoursDocument.of(s.quietHours()),
                DigestDocument.of(s.digest()), s.maxPerHour(), s.pausedAt());
    }

    Subscription toSubscription() {
        Channel ch = switch (channel.type()) {
            case Channel.WEBHOOK -> new Channel.Webhook(URI.create(require(channel.url())), require(channel.secret()));
            case Channel.EMAIL -> new Channel.Email(require(channel.address()));
            default -> new Channel.ServerSentEvents();
        };
        List<PairRule> pairs = rules.pairs().stream().map(PairRuleDocument::toRule).toList();
        // The text was validated when written, so it parses again.
        Rules r = new Rules(Set.copyOf(rules.countries()), Set.copyOf(rules.tags()),
                Set.copyOf(rules.entities()), rules.query(),
                rules.query() == null ? null : QueryParser.parse(rules.query()), pairs, rules.perStory() == null || rules.perStory());
        return new Subscription(id, name, ch, r, streamToken, createdAt, updatedAt, version, deleted, ownerKeyId,
                deliveryDisabled == null ? null : new DeliveryDisabled(deliveryDisabled.endpoint(), deliveryDisabled.failingSince(),
                        deliveryDisabled.disabledAt(), deliveryDisabled.lastError()), quietHours == null ? null : quietHours.toQuietHours(),
                digest == null ? null : digest.toDigest(), maxPerHour, pausedAt);
    }

    private static String require(@Nullable String value) {
        if (value == null) {
            throw new IllegalStateException("Stored subscription lacks a channel field");
        }
        return value;
    }
}

package io.steppewire.notify.subscription;

import io.steppewire.events.SaneDecimals;
import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.Direction;
import io.steppewire.query.KeywordQuery;
import io.steppewire.query.QueryParser;
import io.steppewire.query.QuerySyntaxException;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a request into a subscription, or explains every field it cannot accept. */
public final class SubscriptionValidator {

    public static final int MAX_NAME_LENGTH = 120;
    public static final int MAX_VALUES_PER_LIST = 50;
    public static final int MAX_PAIR_RULES = 20;
    public static final int MIN_SECRET_LENGTH = 16;
    public static final int MAX_SECRET_LENGTH = 512;
    public static final int MAX_URL_LENGTH = 2048;
    /**
     * The largest threshold: a move of 1000 % (eleven times the rate) is far beyond any a subscriber waits for, and
     * a bound keeps every threshold a small number. The smallest is anything above 0 that is a plain decimal of at
     * most {@value SaneDecimals#MAX_SCALE} decimals.
     */
    public static final BigDecimal MAX_THRESHOLD_PCT = new BigDecimal("1000");
    /** The largest hysteresis: a level re-armed only 50 % away from itself is no longer a level. */
    public static final BigDecimal MAX_HYSTERESIS_PCT = new BigDecimal("50");
    /** The longest cooldown, 30 days: the longest window a rule looks at. */
    public static final int MAX_MIN_INTERVAL_MINUTES = 30 * 24 * 60;
    /** The most alerts pushed one by one per hour that a limit may allow: beyond it, a limit limits nothing. */
    public static final int MAX_PER_HOUR = 1000;
    /** Refused values are quoted in messages up to this length, so that a huge value is not echoed whole. */
    static final int MAX_QUOTED_LENGTH = 80;

    private static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern CLOCK_TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    /** The longest IANA zone name is about 30 characters; anything far longer is not looked up. */
    private static final int MAX_ZONE_LENGTH = 64;
    private static final String WHSEC_PREFIX = "whsec_";
    private static final String THRESHOLD_HINT = "; give a percentage above 0 and at most " + MAX_THRESHOLD_PCT.toPlainString()
            + " as a plain decimal, e.g. 0.5";

    private final WebhookUrlCheck webhookUrls;
    private final EmailAddressSyntax emailSyntax;

    public SubscriptionValidator(WebhookUrlCheck webhookUrls, EmailAddressSyntax emailSyntax) {
        this.webhookUrls = webhookUrls;
        this.emailSyntax = emailSyntax;
    }

    /** @throws InvalidSubscriptionException listing every refused field */
    public SubscriptionSpec validate(SubscriptionRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        String name = name(request.name(), violations);
        Channel channel = channel(request.channel(), violations);
        Rules rules = rules(request.rules(), violations);
        QuietHours quietHours = quietHours(request.quietHours(), violations);
        Digest digest = delivery(request.delivery(), channel, violations);
        Integer maxPerHour = maxPerHour(request.maxPerHour(), request.delivery(), channel, violations);
        if (!violations.isEmpty() || name == null || channel == null || rules == null) {
            throw new InvalidSubscriptionException(violations);
        }
        return new SubscriptionSpec(name, channel, rules, quietHours, digest, maxPerHour);
    }

    /** The digest of mode {@code digest}; {@code null} for mode {@code instant} (or no {@code delivery}) and for refusals. */
    private static @Nullable Digest delivery(SubscriptionRequest.@Nullable DeliveryRequest request, @Nullable Channel channel,
                                             List<FieldViolation> violations) {
        if (request == null) {
            return null;
        }
        String mode = request.mode() == null ? "instant" : request.mode();
        if (mode.equals("instant")) {
            if (request.digest() != null) {
                violations.add(new FieldViolation("delivery.digest", "is only for \"mode\": \"digest\"; leave it out for instant delivery"));
            }
            return null;
        }
        if (!mode.equals("digest")) {
            violations.add(new FieldViolation("delivery.mode", quote(mode) + " is not a delivery mode; accepted are instant (each alert at"
                    + " once, the default) and digest (alerts sent together, daily or weekly)"));
            return null;
        }
        if (channel instanceof Channel.ServerSentEvents) {
            violations.add(new FieldViolation("delivery.mode", "digest is for webhook and email channels; a stream carries every alert"
                    + " as it is raised"));
            return null;
        }
        SubscriptionRequest.DigestRequest digest = request.digest();
        if (digest == null) {
            violations.add(new FieldViolation("delivery.digest", "is required for mode digest, e.g. {\"every\": \"day\", \"at\": \"08:00\","
                    + " \"timezone\": \"Asia/Almaty\"}"));
            return null;
        }
        Digest.Every every = null;
        if (digest.every() == null) {
            violations.add(new FieldViolation("delivery.digest.every", "is required: day or week"));
        } else {
            every = Digest.Every.ofJsonName(digest.every()).orElse(null);
            if (every == null) {
                violations.add(new FieldViolation("delivery.digest.every", quote(digest.every()) + " is not accepted; give day or week"));
            }
        }
        LocalTime at = clockTime("delivery.digest.at", digest.at(), violations);
        ZoneId zone = zone("delivery.digest.timezone", digest.timezone(), violations);
        DayOfWeek day = DayOfWeek.MONDAY;
        if (digest.day() != null) {
            if (every == Digest.Every.DAY) {
                violations.add(new FieldViolation("delivery.digest.day", "is only for \"every\": \"week\"; a daily digest comes every day"));
            } else {
                day = weekday(digest.day());
                if (day == null) {
                    violations.add(new FieldViolation("delivery.digest.day", quote(digest.day())
                            + " is not a day of the week; give monday, tuesday, ... or sunday"));
                }
            }
        }
        return every == null || at == null || zone == null || day == null ? null : new Digest(every, at, zone, day);
    }

    private static @Nullable DayOfWeek weekday(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().toLowerCase(Locale.ROOT).equals(text)) {
                return day;
            }
        }
        return null;
    }

    /** Whole alerts per hour, 1 to {@value #MAX_PER_HOUR}; read from bounded text like a cooldown. */
    private static @Nullable Integer maxPerHour(@Nullable String text, SubscriptionRequest.@Nullable DeliveryRequest delivery,
                                                @Nullable Channel channel, List<FieldViolation> violations) {
        if (text == null) {
            return null;
        }
        String hint = "; give a whole number of alerts from 1 to " + MAX_PER_HOUR + ", e.g. 10";
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.length() > 6 || !stripped.chars().allMatch(c -> c >= '0' && c <= '9')) {
            violations.add(new FieldViolation("maxPerHour", quote(stripped) + " is not accepted" + hint));
            return null;
        }
        int max = Integer.parseInt(stripped);
        if (max < 1 || max > MAX_PER_HOUR) {
            violations.add(new FieldViolation("maxPerHour", max + " is out of range" + hint));
            return null;
        }
        if (delivery != null && "digest".equals(delivery.mode())) {
            violations.add(new FieldViolation("maxPerHour", "is for instant delivery; a digest is one message already"));
            return null;
        }
        if (channel instanceof Channel.ServerSentEvents) {
            violations.add(new FieldViolation("maxPerHour", "is for webhook and email channels; a stream carries every alert as it is raised"));
            return null;
        }
        return max;
    }

    private static @Nullable ZoneId zone(String field, @Nullable String timezone, List<FieldViolation> violations) {
        if (timezone == null || timezone.isBlank()) {
            violations.add(new FieldViolation(field, "is required: the subscriber's time zone, e.g. Asia/Almaty"));
            return null;
        }
        if (timezone.length() > MAX_ZONE_LENGTH || !ZoneId.getAvailableZoneIds().contains(timezone)) {
            violations.add(new FieldViolation(field, quote(timezone) + " is not a time zone; give an IANA name such as Asia/Almaty or Asia/Tashkent"));
            return null;
        }
        return ZoneId.of(timezone);
    }

    private static @Nullable QuietHours quietHours(SubscriptionRequest.@Nullable QuietHoursRequest request, List<FieldViolation> violations) {
        if (request == null) {
            return null;
        }
        LocalTime from = clockTime("quietHours.from", request.from(), violations);
        LocalTime to = clockTime("quietHours.to", request.to(), violations);
        ZoneId zone = zone("quietHours.timezone", request.timezone(), violations);
        if (from != null && to != null && from.equals(to)) {
            violations.add(new FieldViolation("quietHours.to", "is the same as quietHours.from; quiet hours need an end that differs "
                    + "from their start (22:00 to 07:00 spans midnight)"));
            return null;
        }
        return from == null || to == null || zone == null ? null : new QuietHours(from, to, zone);
    }

    private static @Nullable LocalTime clockTime(String field, @Nullable String text, List<FieldViolation> violations) {
        if (text == null || !CLOCK_TIME.matcher(text).matches()) {
            violations.add(new FieldViolation(field, (text == null ? "is required" : quote(text) + " is not a time of day")
                    + "; write HH:mm on a 24-hour clock, e.g. 22:00"));
            return null;
        }
        return LocalTime.parse(text);
    }

    private static @Nullable String name(@Nullable String name, List<FieldViolation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation("name", "is required: a short text that tells people what the subscription is for"));
            return null;
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME_LENGTH) {
            violations.add(new FieldViolation("name", "has " + stripped.length() + " characters; at most " + MAX_NAME_LENGTH + " are accepted"));
            return null;
        }
        return stripped;
    }

    private @Nullable Channel channel(SubscriptionRequest.@Nullable ChannelRequest channel, List<FieldViolation> violations) {
        if (channel == null) {
            violations.add(new FieldViolation("channel", "is required, e.g. {\"type\": \"webhook\", \"url\": \"https://example.org/hook\", \"secret\": \"...\"}"));
            return null;
        }
        String type = channel.type() == null ? "" : channel.type().strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case Channel.WEBHOOK -> webhook(channel, violations);
            case Channel.SSE -> new Channel.ServerSentEvents();
            case Channel.EMAIL -> email(channel, violations);
            default -> {
                violations.add(new FieldViolation("channel.type", (channel.type() == null ? "is required" : quote(channel.type()) + " is not a channel")
                        + "; accepted are webhook, sse and email"));
                yield null;
            }
        };
    }

    private Channel.@Nullable Webhook webhook(SubscriptionRequest.ChannelRequest channel, List<FieldViolation> violations) {
        URI url = null;
        if (channel.url() == null || channel.url().isBlank()) {
            violations.add(new FieldViolation("channel.url", "is required for a webhook, e.g. https://example.org/hook"));
        } else if (channel.url().strip().length() > MAX_URL_LENGTH) {
            violations.add(new FieldViolation("channel.url", "has " + channel.url().strip().length() + " characters; at most "
                    + MAX_URL_LENGTH + " are accepted"));
        } else {
            try {
                url = new URI(channel.url().strip());
                webhookUrls.refusal(url).ifPresent(why -> violations.add(new FieldViolation("channel.url", why)));
            } catch (URISyntaxException e) {
                violations.add(new FieldViolation("channel.url", "is not a URL (" + e.getReason() + " at index " + e.getIndex()
                        + "); write e.g. https://example.org/hook"));
            }
        }
        String secret = channel.secret();
        boolean secretOk = false;
        if (secret == null || secret.isBlank()) {
            violations.add(new FieldViolation("channel.secret", "is required for a webhook: at least " + MIN_SECRET_LENGTH
                    + " characters, or whsec_ followed by base64 of at least " + MIN_SECRET_LENGTH + " bytes"));
        } else if (secret.length() > MAX_SECRET_LENGTH) {
            violations.add(new FieldViolation("channel.secret", "has " + secret.length() + " characters; at most " + MAX_SECRET_LENGTH
                    + " are accepted"));
        } else if (secret.startsWith(WHSEC_PREFIX)) {
            try {
                byte[] key = Base64.getDecoder().decode(secret.substring(WHSEC_PREFIX.length()));
                secretOk = key.length >= MIN_SECRET_LENGTH;
                if (!secretOk) {
                    violations.add(new FieldViolation("channel.secret", "decodes to " + key.length + " bytes after whsec_; at least "
                            + MIN_SECRET_LENGTH + " are needed"));
                }
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("channel.secret", "starts with whsec_ but the rest is not base64"));
            }
        } else if (secret.length() < MIN_SECRET_LENGTH) {
            violations.add(new FieldViolation("channel.secret", "has " + secret.length() + " characters; at least " + MIN_SECRET_LENGTH + " are needed"));
        } else {
            secretOk = true;
        }
        return url != null && secretOk ? new Channel.Webhook(url, secret) : null;
    }

    private Channel.@Nullable Email email(SubscriptionRequest.ChannelRequest channel, List<FieldViolation> violations) {
        if (channel.address() == null || channel.address().isBlank()) {
            violations.add(new FieldViolation("channel.address", "is required for e-mail; write e.g. desk@example.org"));
            return null;
        }
        String address = channel.address().strip();
        int at = address.lastIndexOf('@');
        Optional<String> refusal;
        // The lengths are checked first, so that the parser only ever reads a short text.
        if (address.length() > EmailAddressSyntax.MAX_LENGTH) {
            refusal = Optional.of("has " + address.length() + " characters; an address has at most " + EmailAddressSyntax.MAX_LENGTH);
        } else if (at > EmailAddressSyntax.MAX_LOCAL_PART_LENGTH) {
            refusal = Optional.of("has " + at + " characters before '@'; at most " + EmailAddressSyntax.MAX_LOCAL_PART_LENGTH + " are accepted");
        } else {
            refusal = emailSyntax.refusal(address);
        }
        if (refusal.isPresent()) {
            violations.add(new FieldViolation("channel.address", quote(address) + " is not an e-mail address: " + refusal.get()
                    + "; write e.g. desk@example.org"));
            return null;
        }
        return new Channel.Email(address);
    }

    private static @Nullable Rules rules(SubscriptionRequest.@Nullable RulesRequest rules, List<FieldViolation> violations) {
        if (rules == null) {
            violations.add(new FieldViolation("rules", "is required: give at least one of countries, tags, entities, query or pairs"));
            return null;
        }
        int before = violations.size();
        Set<String> countries = values("rules.countries", rules.countries(), violations, value -> {
            String code = value.strip().toUpperCase(Locale.ROOT);
            return COUNTRY_CODES.contains(code) ? code : null;
        }, "is not an ISO 3166-1 alpha-2 country code; write e.g. KZ, UZ or TJ");
        Set<String> tags = values("rules.tags", rules.tags(), violations, value -> {
            String tag = value.strip().toLowerCase(Locale.ROOT);
            return TAG.matcher(tag).matches() ? tag : null;
        }, "is not a tag; tags are lower-case slugs of letters, digits and '-', e.g. energy");
        Set<String> entities = values("rules.entities", rules.entities(), violations, value -> {
            String entity = value.strip().replaceAll("\\s+", " ");
            return entity.isEmpty() || entity.length() > 200 ? null : entity.toLowerCase(Locale.ROOT);
        }, "is not an entity name; give the name of a person or organisation (1 to 200 characters)");
        KeywordQuery query = null;
        String queryText = rules.query() == null || rules.query().isBlank() ? null : rules.query().strip();
        if (queryText != null) {
            try {
                query = QueryParser.parse(queryText);
                if (query.requiredOneOf() == null) {
                    violations.add(new FieldViolation("rules.query", "can match without any of its words (it only excludes); "
                            + "add a word that must appear, e.g. \"solar AND NOT coal\""));
                }
            } catch (QuerySyntaxException e) {
                violations.add(new FieldViolation("rules.query", e.getMessage()));
            }
        }
        List<PairRule> pairs = pairs(rules.pairs(), violations);
        if (violations.size() > before) {
            return null;
        }
        Rules result = new Rules(countries, tags, entities, queryText, query, pairs, rules.perStory() == null || rules.perStory());
        if (!result.watchesArticles() && !result.watchesRates()) {
            violations.add(new FieldViolation("rules", "watches nothing: give at least one of countries, tags, entities, query or pairs"));
            return null;
        }
        return result;
    }

    private interface Normaliser {
        @Nullable String normalise(String value);
    }

    private static Set<String> values(String field, @Nullable List<@Nullable String> values, List<FieldViolation> violations,
                                      Normaliser normaliser, String refusal) {
        Set<String> accepted = new LinkedHashSet<>();
        if (values == null) {
            return accepted;
        }
        if (values.size() > MAX_VALUES_PER_LIST) {
            violations.add(new FieldViolation(field, "has " + values.size() + " values; at most " + MAX_VALUES_PER_LIST + " are accepted"));
            return accepted;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String normalised = value == null ? null : normaliser.normalise(value);
            if (normalised == null) {
                violations.add(new FieldViolation(field + "[" + i + "]", (value == null ? "null" : quote(value)) + " " + refusal));
            } else {
                accepted.add(normalised);
            }
        }
        return accepted;
    }

    private static List<PairRule> pairs(@Nullable List<SubscriptionRequest.@Nullable PairRuleRequest> pairs, List<FieldViolation> violations) {
        List<PairRule> rules = new ArrayList<>();
        if (pairs == null) {
            return rules;
        }
        if (pairs.size() > MAX_PAIR_RULES) {
            violations.add(new FieldViolation("rules.pairs", "has " + pairs.size() + " rules; at most " + MAX_PAIR_RULES + " are accepted"));
            return rules;
        }
        for (int i = 0; i < pairs.size(); i++) {
            String field = "rules.pairs[" + i + "]";
            SubscriptionRequest.PairRuleRequest request = pairs.get(i);
            if (request == null) {
                violations.add(new FieldViolation(field, "is null; write e.g. {\"pair\": \"KZT/USD\", \"thresholdPct\": 0.5, \"direction\": \"either\"}"));
                continue;
            }
            PairRule rule = pairRule(request, field, violations);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static @Nullable PairRule pairRule(SubscriptionRequest.PairRuleRequest request, String field, List<FieldViolation> violations) {
        int before = violations.size();
        RuleKind kind = RuleKind.CHANGE;
        if (request.kind() != null) {
            kind = RuleKind.ofJsonName(request.kind()).orElse(null);
            if (kind == null) {
                violations.add(new FieldViolation(field + ".kind", quote(request.kind()) + " is not a rule kind; accepted are "
                        + "change (the default), window, level, sinceLastAlert and divergence"));
                return null;
            }
        }
        CurrencyPair pair = null;
        if (request.pair() == null) {
            violations.add(new FieldViolation(field + ".pair", "is required, e.g. KZT/USD"));
        } else {
            try {
                pair = CurrencyPair.parse(request.pair());
                if (!pair.isCanonical()) {
                    violations.add(new FieldViolation(field + ".pair", pair + " is not the direction steppewire publishes rates in; write "
                            + pair.canonical() + " (and swap up and down)"));
                    pair = null;
                }
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation(field + ".pair", e.getMessage()));
            }
        }
        BigDecimal threshold = null;
        RateWindow window = null;
        BigDecimal level = null;
        BigDecimal hysteresis = null;
        if (kind == RuleKind.LEVEL) {
            refuseOther(request.thresholdPct(), field + ".thresholdPct", "a level rule has no threshold; give level instead", violations);
            level = level(request.level(), field + ".level", violations);
            hysteresis = hysteresis(request.hysteresisPct(), field + ".hysteresisPct", violations);
        } else {
            threshold = threshold(request.thresholdPct(), field + ".thresholdPct", violations);
            refuseOther(request.level(), field + ".level", "only a level rule takes a level", violations);
            refuseOther(request.hysteresisPct(), field + ".hysteresisPct", "only a level rule takes hysteresisPct", violations);
        }
        if (kind == RuleKind.WINDOW) {
            if (request.window() == null) {
                violations.add(new FieldViolation(field + ".window", "is required for a window rule; accepted are 24h, 7d and 30d"));
            } else {
                window = RateWindow.ofJsonName(request.window()).orElse(null);
                if (window == null) {
                    violations.add(new FieldViolation(field + ".window", quote(request.window()) + " is not a window; accepted are 24h, 7d and 30d"));
                }
            }
        } else {
            refuseOther(request.window(), field + ".window", "only a window rule takes a window", violations);
        }
        Direction direction = direction(request.direction(), field, violations);
        if (kind == RuleKind.LEVEL && direction == Direction.EITHER) {
            violations.add(new FieldViolation(field + ".direction", "is required for a level rule: up (the rate rises to the level) "
                    + "or down (it falls to it)"));
        }
        Integer minInterval = minInterval(request.minIntervalMinutes(), field + ".minIntervalMinutes", violations);
        if (violations.size() > before || pair == null || direction == null || minInterval == null) {
            return null;
        }
        return new PairRule(kind, pair, threshold == null ? null : threshold.stripTrailingZeros(), direction, window,
                level == null ? null : level.stripTrailingZeros(), hysteresis == null ? null : hysteresis.stripTrailingZeros(), minInterval);
    }

    private static void refuseOther(@Nullable String value, String field, String why, List<FieldViolation> violations) {
        if (value != null) {
            violations.add(new FieldViolation(field, "is not accepted: " + why));
        }
    }

    /** A level is a rate: a plain decimal above 0, read as bounded text like a threshold. */
    private static @Nullable BigDecimal level(@Nullable String text, String field, List<FieldViolation> violations) {
        String hint = "; give the rate as a decimal string above 0 in the pair's direction, e.g. \"0.00008\" for UZS/USD";
        if (text == null) {
            violations.add(new FieldViolation(field, "is required for a level rule" + hint));
            return null;
        }
        try {
            BigDecimal level = SaneDecimals.parse(text.strip(), "the level");
            if (level.signum() <= 0) {
                violations.add(new FieldViolation(field, level.toPlainString() + " is out of range" + hint));
                return null;
            }
            return level;
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(field, "is not accepted: " + e.getMessage() + hint));
            return null;
        }
    }

    private static @Nullable BigDecimal hysteresis(@Nullable String text, String field, List<FieldViolation> violations) {
        String hint = "; give a percentage from 0 to " + MAX_HYSTERESIS_PCT.toPlainString() + " as a plain decimal, e.g. 0.5";
        if (text == null) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal hysteresis = SaneDecimals.parse(text.strip(), "the hysteresis");
            if (hysteresis.signum() < 0 || hysteresis.compareTo(MAX_HYSTERESIS_PCT) > 0) {
                violations.add(new FieldViolation(field, hysteresis.toPlainString() + " is out of range" + hint));
                return null;
            }
            return hysteresis;
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(field, "is not accepted: " + e.getMessage() + hint));
            return null;
        }
    }

    private static @Nullable Integer minInterval(@Nullable String text, String field, List<FieldViolation> violations) {
        String hint = "; give whole minutes from 0 to " + MAX_MIN_INTERVAL_MINUTES + ", e.g. 60";
        if (text == null) {
            return 0;
        }
        String stripped = text.strip();
        // Digits only and short, so that no number is ever parsed from a huge text.
        if (stripped.isEmpty() || stripped.length() > 6 || !stripped.chars().allMatch(c -> c >= '0' && c <= '9')) {
            violations.add(new FieldViolation(field, quote(stripped) + " is not accepted" + hint));
            return null;
        }
        int minutes = Integer.parseInt(stripped);
        if (minutes > MAX_MIN_INTERVAL_MINUTES) {
            violations.add(new FieldViolation(field, minutes + " is out of range" + hint));
            return null;
        }
        return minutes;
    }

    /**
     * Reads the threshold's text with {@link SaneDecimals}: no exponent, at most 30 digits and 30 decimals, so that
     * nothing after this (comparing, formatting, storing) can cost more than a small number's worth.
     */
    private static @Nullable BigDecimal threshold(@Nullable String text, String field, List<FieldViolation> violations) {
        if (text == null) {
            violations.add(new FieldViolation(field, "is required" + THRESHOLD_HINT));
            return null;
        }
        BigDecimal threshold;
        try {
            threshold = SaneDecimals.parse(text.strip(), "the threshold");
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation(field, "is not accepted: " + e.getMessage() + THRESHOLD_HINT));
            return null;
        }
        if (threshold.signum() <= 0 || threshold.compareTo(MAX_THRESHOLD_PCT) > 0) {
            violations.add(new FieldViolation(field, threshold.toPlainString() + " is out of range" + THRESHOLD_HINT));
            return null;
        }
        return threshold;
    }

    /** A value as it appears in a message: quoted, and cut short when long. */
    static String quote(String value) {
        return value.length() <= MAX_QUOTED_LENGTH ? "'" + value + "'"
                : "'" + value.substring(0, MAX_QUOTED_LENGTH) + "…' (" + value.length() + " characters)";
    }

    private static @Nullable Direction direction(@Nullable String direction, String field, List<FieldViolation> violations) {
        if (direction == null) {
            return Direction.EITHER;
        }
        return switch (direction.strip().toLowerCase(Locale.ROOT)) {
            case "up" -> Direction.UP;
            case "down" -> Direction.DOWN;
            case "either" -> Direction.EITHER;
            default -> {
                violations.add(new FieldViolation(field + ".direction", quote(direction) + " is not a direction; accepted are up, down and either"));
                yield null;
            }
        };
    }
}

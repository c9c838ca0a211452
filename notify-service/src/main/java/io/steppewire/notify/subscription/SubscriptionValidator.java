package io.steppewire.notify.subscription;

import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.Direction;
import io.steppewire.notify.subscription.query.KeywordQuery;
import io.steppewire.notify.subscription.query.QueryParser;
import io.steppewire.notify.subscription.query.QuerySyntaxException;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a request into a subscription, or explains every field it cannot accept. */
public final class SubscriptionValidator {

    public static final int MAX_NAME_LENGTH = 120;
    public static final int MAX_VALUES_PER_LIST = 50;
    public static final int MAX_PAIR_RULES = 20;
    public static final int MIN_SECRET_LENGTH = 16;
    public static final BigDecimal MAX_THRESHOLD_PCT = new BigDecimal("100");

    private static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final String WHSEC_PREFIX = "whsec_";

    private final WebhookAddressPolicy addressPolicy;

    public SubscriptionValidator(WebhookAddressPolicy addressPolicy) {
        this.addressPolicy = addressPolicy;
    }

    /** @throws InvalidSubscriptionException listing every refused field */
    public SubscriptionSpec validate(SubscriptionRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        String name = name(request.name(), violations);
        Channel channel = channel(request.channel(), violations);
        Rules rules = rules(request.rules(), violations);
        if (!violations.isEmpty() || name == null || channel == null || rules == null) {
            throw new InvalidSubscriptionException(violations);
        }
        return new SubscriptionSpec(name, channel, rules);
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
                violations.add(new FieldViolation("channel.type", (channel.type() == null ? "is required" : "'" + channel.type() + "' is not a channel")
                        + "; accepted are webhook, sse and email"));
                yield null;
            }
        };
    }

    private Channel.@Nullable Webhook webhook(SubscriptionRequest.ChannelRequest channel, List<FieldViolation> violations) {
        URI url = null;
        if (channel.url() == null || channel.url().isBlank()) {
            violations.add(new FieldViolation("channel.url", "is required for a webhook, e.g. https://example.org/hook"));
        } else {
            try {
                url = new URI(channel.url().strip());
                addressPolicy.refusal(url).ifPresent(why -> violations.add(new FieldViolation("channel.url", why)));
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

    private static Channel.@Nullable Email email(SubscriptionRequest.ChannelRequest channel, List<FieldViolation> violations) {
        String address = channel.address();
        if (address == null || !EMAIL.matcher(address.strip()).matches()) {
            violations.add(new FieldViolation("channel.address", (address == null ? "is required for e-mail" : "'" + address + "' is not an e-mail address")
                    + "; write e.g. desk@example.org"));
            return null;
        }
        return new Channel.Email(address.strip());
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
        Rules result = new Rules(countries, tags, entities, queryText, query, pairs);
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
                violations.add(new FieldViolation(field + "[" + i + "]", (value == null ? "null" : "'" + value + "'") + " " + refusal));
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
            BigDecimal threshold = request.thresholdPct();
            if (threshold == null || threshold.signum() <= 0 || threshold.compareTo(MAX_THRESHOLD_PCT) > 0) {
                violations.add(new FieldViolation(field + ".thresholdPct", (threshold == null ? "is required" : threshold.toPlainString() + " is out of range")
                        + "; give a percentage above 0 and at most 100, e.g. 0.5"));
                threshold = null;
            }
            Direction direction = direction(request.direction(), field, violations);
            if (pair != null && threshold != null && direction != null) {
                rules.add(new PairRule(pair, threshold.stripTrailingZeros(), direction));
            }
        }
        return rules;
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
                violations.add(new FieldViolation(field + ".direction", "'" + direction + "' is not a direction; accepted are up, down and either"));
                yield null;
            }
        };
    }
}

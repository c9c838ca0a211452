package io.steppewire.notify.preview;

import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.history.ArticleHistory;
import io.steppewire.notify.history.HistoryProperties;
import io.steppewire.notify.history.RateChangeHistory;
import io.steppewire.notify.matching.Backtest;
import io.steppewire.notify.matching.RateRuleJudge;
import io.steppewire.notify.subscription.FieldViolation;
import io.steppewire.notify.subscription.InvalidSubscriptionException;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.subscription.SubscriptionRequest;
import io.steppewire.notify.subscription.SubscriptionSpec;
import io.steppewire.notify.subscription.SubscriptionValidator;
import io.steppewire.platform.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Runs a backtest: validates like a create, reads the stored history the rules could match, replays it, saves nothing. */
@Service
public class PreviewSubscription {

    /** The id the previewed subscription goes by in the alert ids it answers. */
    static final String PREVIEW_ID = "preview";
    private static final SubscriptionRequest.ChannelRequest NO_DELIVERY = new SubscriptionRequest.ChannelRequest("sse", null, null, null);
    /** How far before {@code from} level and since-last-alert rules start, so that they enter the period with a memory. */
    static final Duration MEMORY_WARM_UP = Duration.ofDays(7);

    private final SubscriptionValidator validator;
    private final ArticleHistory articles;
    private final RateChangeHistory rateChanges;
    private final HistoryProperties history;
    private final PreviewProperties properties;
    private final Clock clock;

    public PreviewSubscription(SubscriptionValidator validator, ArticleHistory articles, RateChangeHistory rateChanges,
                               HistoryProperties history, PreviewProperties properties, Clock clock) {
        this.validator = validator;
        this.articles = articles;
        this.rateChanges = rateChanges;
        this.history = history;
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws ProblemException 400 listing every refused field in {@code errors} */
    public PreviewResponse preview(PreviewRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        Instant from = instant(request.from(), "from", violations);
        Instant to = instant(request.to(), "to", violations);
        if (from != null && to != null) {
            if (!from.isBefore(to)) {
                violations.add(new FieldViolation("to", to + " is not after from (" + from + "); give a period that ends after it starts"));
            } else if (Duration.between(from, to).compareTo(properties.maxRange()) > 0) {
                violations.add(new FieldViolation("to", "makes a period of " + Duration.between(from, to).toDays() + " days; at most "
                        + properties.maxRange().toDays() + " days are accepted"));
            }
        }
        SubscriptionSpec spec = null;
        try {
            spec = validator.validate(new SubscriptionRequest(request.name() == null ? "preview" : request.name(),
                    request.channel() == null ? NO_DELIVERY : request.channel(), request.rules()));
        } catch (InvalidSubscriptionException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty() || spec == null || from == null || to == null) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Invalid preview", violations.stream()
                    .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "))).with("errors", violations);
        }
        Instant now = clock.instant();
        Subscription subscription = new Subscription(PREVIEW_ID, spec.name(), spec.channel(), spec.rules(), "", now, now, 1, false, null);
        Rules rules = spec.rules();
        List<Backtest.StoredArticle> stored = rules.watchesArticles() ? articles.candidatesBetween(from, to, rules) : List.of();
        List<RateChanged> changes = rules.watchesRates()
                ? rateChanges.detectedBetween(from.minus(warmUp(rules)), to,
                        rules.pairs().stream().map(p -> p.pair().toString()).collect(Collectors.toSet()))
                : List.of();
        Backtest.Result result = new Backtest(history.officialSources(), properties.maxListed()).run(subscription, stored, changes, from, to);
        return new PreviewResponse(from, to, now.minus(history.retention()), stored.size(), changes.size(), result.total(), result.alerts(),
                result.perRule(), result.perDay());
    }

    /** The history a backtest reads before {@code from}: as far back as its rules look, or remember, at most. */
    public static Duration warmUp(Rules rules) {
        Duration longest = Duration.ZERO;
        for (PairRule rule : rules.pairs()) {
            Duration needed = switch (rule.kind()) {
                case CHANGE -> rule.minInterval();
                case WINDOW -> rule.window() == null ? Duration.ZERO : rule.window().span();
                case DIVERGENCE -> RateRuleJudge.OFFICIAL_RATE_HOLDS.plus(rule.minInterval());
                case LEVEL, SINCE_LAST_ALERT -> MEMORY_WARM_UP.plus(rule.minInterval());
            };
            if (needed.compareTo(longest) > 0) {
                longest = needed;
            }
        }
        return longest;
    }

    private static @Nullable Instant instant(@Nullable String text, String field, List<FieldViolation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new FieldViolation(field, "is required: an ISO-8601 instant such as 2026-03-01T00:00:00Z"));
            return null;
        }
        // Short before parsing: an instant is at most a few dozen characters.
        if (text.length() > 40) {
            violations.add(new FieldViolation(field, "has " + text.length() + " characters; write an ISO-8601 instant such as 2026-03-01T00:00:00Z"));
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "'" + text + "' is not an ISO-8601 instant; write e.g. 2026-03-01T00:00:00Z"));
            return null;
        }
    }
}

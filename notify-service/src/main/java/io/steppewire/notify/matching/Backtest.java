package io.steppewire.notify.matching;

import io.steppewire.events.EventIds;
import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.subscription.Subscription;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a subscription's rules would have raised over stored events: the live matching (index, judge, per-story alert
 * ids) replayed in time order against an in-memory history and memory, so nothing live is read or written but the
 * events given. Rate changes before {@code from} warm the history and the rules' memory up without counting.
 */
public final class Backtest {

    /** The label under which article alerts are counted: the article conditions act together, as one rule. */
    public static final String ARTICLE_RULES = "articles";

    /**
     * One alert that would have been raised.
     *
     * @param at      when: the article's first sighting, or the change's detection
     * @param subject the article's title, or the change's pair and source
     */
    public record WouldRaise(String alertId, String kind, String eventId, Instant at, String subject, List<String> matchedOn) {
    }

    /**
     * A stored article as the backtest reads it: its conditions' values always, its whole event only when a keyword
     * query needs the text (phrases); otherwise the store has evaluated the query on the article's words.
     *
     * @param full the article, when its text must be matched here; {@code null} when the store found the query held
     */
    public record StoredArticle(String articleId, @Nullable String storyId, String title, Instant firstSeenAt, Set<String> countries,
                                Set<String> tags, Set<String> entities, @Nullable ArticleIngested full) {

        /** An article matched from its whole event, as live alerting matches it. */
        public static StoredArticle of(ArticleIngested article) {
            return new StoredArticle(article.articleId(), article.storyId(), article.title(), article.firstSeenAt(), Set.copyOf(article.countries()),
                    Set.copyOf(article.tags()), Set.copyOf(article.entities()), article);
        }

        public String storyOrArticleId() {
            return storyId != null ? storyId : articleId;
        }
    }

    /** A rule and how often it would have fired. */
    public record RuleCount(String rule, long count) {
    }

    /** A UTC day and how many alerts would have been raised on it. */
    public record DayCount(LocalDate day, long count) {
    }

    /**
     * @param total  every alert, however many {@code alerts} lists
     * @param alerts the first {@code maxListed} alerts, oldest first
     */
    public record Result(long total, List<WouldRaise> alerts, List<RuleCount> perRule, List<DayCount> perDay) {
    }

    private final Set<String> officialSources;
    private final int maxListed;

    public Backtest(Set<String> officialSources, int maxListed) {
        this.officialSources = Set.copyOf(officialSources);
        this.maxListed = maxListed;
    }

    /**
     * @param articles articles first seen in [from, to), oldest first
     * @param changes  rate changes detected before {@code to}, oldest first; those before {@code from} only warm up
     */
    public Result run(Subscription subscription, List<StoredArticle> articles, List<RateChanged> changes, Instant from, Instant to) {
        SubscriptionIndex index = new SubscriptionIndex();
        index.apply(subscription);
        InMemoryRateHistory history = new InMemoryRateHistory();
        RateRuleMatcher rates = new RateRuleMatcher(index, new RateRuleJudge(history, officialSources), new InMemoryRuleMemory());
        Map<String, Long> perRule = new LinkedHashMap<>();
        if (subscription.rules().watchesArticles()) {
            perRule.put(ARTICLE_RULES, 0L);
        }
        subscription.rules().pairs().stream().map(PairRule::describe).forEach(rule -> perRule.putIfAbsent(rule, 0L));
        Map<LocalDate, Long> perDay = new TreeMap<>();
        List<WouldRaise> listed = new ArrayList<>();
        Set<String> raised = new HashSet<>();
        long total = 0;
        int a = 0;
        int c = 0;
        while (a < articles.size() || c < changes.size()) {
            StoredArticle article = a < articles.size() ? articles.get(a) : null;
            RateChanged change = c < changes.size() ? changes.get(c) : null;
            WouldRaise alert;
            if (change == null || (article != null && article.firstSeenAt().isBefore(change.detectedAt()))) {
                a++;
                alert = article(index, subscription, requireArticle(article));
            } else {
                c++;
                history.record(change);
                List<Match> matches = rates.match(change);
                if (matches.isEmpty() || change.detectedAt().isBefore(from) || !change.detectedAt().isBefore(to)) {
                    continue;
                }
                List<String> matchedOn = matches.getFirst().matchedOn();
                alert = new WouldRaise(EventIds.alert(subscription.id(), change.changeId()), AlertRaised.KIND_RATE, change.changeId(),
                        change.detectedAt(), change.pair() + " " + change.source(), matchedOn);
            }
            if (alert == null || !raised.add(alert.alertId())) {
                continue;
            }
            total++;
            if (AlertRaised.KIND_ARTICLE.equals(alert.kind())) {
                perRule.merge(ARTICLE_RULES, 1L, Long::sum);
            } else {
                alert.matchedOn().forEach(rule -> perRule.merge(rule, 1L, Long::sum));
            }
            perDay.merge(LocalDate.ofInstant(alert.at(), ZoneOffset.UTC), 1L, Long::sum);
            if (listed.size() < maxListed) {
                listed.add(alert);
            }
        }
        return new Result(total, listed, perRule.entrySet().stream().map(e -> new RuleCount(e.getKey(), e.getValue())).toList(),
                perDay.entrySet().stream().map(e -> new DayCount(e.getKey(), e.getValue())).toList());
    }

    private static @Nullable WouldRaise article(SubscriptionIndex index, Subscription subscription, StoredArticle article) {
        List<String> matchedOn;
        if (article.full() != null) {
            List<Match> matches = index.matchArticle(article.full());
            matchedOn = matches.isEmpty() ? null : matches.getFirst().matchedOn();
        } else {
            matchedOn = conditionsMet(subscription.rules(), article);
        }
        if (matchedOn == null) {
            return null;
        }
        return new WouldRaise(EventIds.alert(subscription.id(), AlertKeys.ofArticle(subscription, article.articleId(), article.storyOrArticleId())), AlertRaised.KIND_ARTICLE, article.articleId(), article.firstSeenAt(),
                article.title(), matchedOn);
    }

    /** The article conditions met, labelled as live matching labels them; {@code null} when one is not met. */
    private static @Nullable List<String> conditionsMet(Rules rules, StoredArticle article) {
        List<String> matchedOn = new ArrayList<>();
        if (!met("country:", rules.countries(), article.countries(), matchedOn) || !met("tag:", rules.tags(), article.tags(), matchedOn)
                || !met("entity:", rules.entities(), article.entities(), matchedOn)) {
            return null;
        }
        if (rules.query() != null) {
            matchedOn.add("query:" + rules.queryText());
        }
        return matchedOn.isEmpty() ? null : matchedOn;
    }

    private static boolean met(String label, Set<String> wanted, Set<String> present, List<String> matchedOn) {
        if (wanted.isEmpty()) {
            return true;
        }
        boolean any = false;
        for (String value : wanted) {
            if (present.contains(value)) {
                matchedOn.add(label + value);
                any = true;
            }
        }
        return any;
    }

    private static StoredArticle requireArticle(@Nullable StoredArticle article) {
        if (article == null) {
            throw new IllegalStateException("No article left to replay");
        }
        return article;
    }
}

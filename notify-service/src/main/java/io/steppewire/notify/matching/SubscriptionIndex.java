package io.steppewire.notify.matching;

import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.events.fx.Direction;
import io.steppewire.events.fx.MoveAssessment;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.query.KeywordQuery;
import io.steppewire.query.QueryParser;
import io.steppewire.query.TextTerms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The live subscriptions, indexed by their rule terms so that an event is only checked against the
 * subscriptions that could match it.
 *
 * <p>Articles: each subscription is filed under the values of ONE of its article conditions, or of
 * the pairs of values of two of them (the anchor): the option whose keys currently have the shortest
 * posting lists. An article can only
 * match when it carries one of the anchor's values, so the postings of the article's countries, tags,
 * entities and text terms give every candidate; candidates are then checked against all conditions.
 * Keyword terms are looked up as word n-grams of the article text in a term vocabulary, which keeps
 * single subscription changes cheap (no automaton to rebuild).
 *
 * <p>Rate changes: per pair, rules sorted by threshold. Whether a move is big only gets less likely as
 * the threshold grows, so thresholds are assessed in ascending order until the first that is not big.
 *
 * <p>Thread-safe: matching runs under a shared read lock, changes under the write lock.
 */
public final class SubscriptionIndex {

    private static final String COUNTRY = "country:";
    private static final String TAG = "tag:";
    private static final String ENTITY = "entity:";
    private static final String TERM = "term:";
    private static final char PAIR_SEPARATOR = '|';
    /** A subscription is filed under at most this many pair keys, so that long lists never blow the index up. */
    private static final int MAX_PAIR_ANCHORS = 64;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Map<String, List<String>> anchorsOf = new HashMap<>();
    private final Map<String, Set<String>> postings = new HashMap<>();
    /** How many subscriptions mention each term key; a key is looked up in articles only while counted. */
    private final Map<String, Integer> vocabulary = new HashMap<>();
    private final int[] termsOfLength = new int[QueryParser.MAX_LENGTH / 2 + 2];
    private final Map<String, NavigableMap<BigDecimal, Map<String, PairRule>>> pairRules = new HashMap<>();
    /** Rules that need history or memory (every kind but a change rule without cooldown), by pair, then subscription. */
    private final Map<String, Map<String, List<PairRule>>> statefulRules = new HashMap<>();

    /** A rule and the subscription it belongs to. */
    public record OwnedRule(Subscription subscription, PairRule rule) {
    }

    /**
     * Adds, replaces or (for a tombstone or a paused one) removes a subscription; an older version never replaces a
     * newer one.
     */
    public void apply(Subscription subscription) {
        lock.writeLock().lock();
        try {
            Subscription current = subscriptions.get(subscription.id());
            if (current != null && current.version() > subscription.version()) {
                return;
            }
            // A tombstone was unfiled when it arrived; unfiling it again (the refresher reads every change again on each
            // poll within its overlap) would take its terms off the vocabulary counts a second time.
            if (current != null && current.live()) {
                unfile(current);
            }
            if (!subscription.live()) {
                // Keep the tombstone's version so a late copy of an older version cannot bring it back; a paused
                // subscription is kept for look-ups but matches nothing.
                subscriptions.put(subscription.id(), subscription);
                return;
            }
            subscriptions.put(subscription.id(), subscription);
            file(subscription);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<Subscription> find(String id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(subscriptions.get(id)).filter(s -> !s.deleted());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live (neither deleted nor paused) subscriptions in the index. */
    public int size() {
        lock.readLock().lock();
        try {
            return (int) subscriptions.values().stream().filter(Subscription::live).count();
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<Match> matchArticle(ArticleIngested article) {
        Set<String> countries = new HashSet<>();
        article.countries().forEach(c -> countries.add(c.toUpperCase(Locale.ROOT)));
        Set<String> tags = new HashSet<>();
        article.tags().forEach(t -> tags.add(t.toLowerCase(Locale.ROOT)));
        Set<String> entities = new HashSet<>();
        article.entities().forEach(e -> entities.add(e.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT)));
        List<String> words = new ArrayList<>(TextTerms.words(article.title()));
        for (BodyBlock block : article.body()) {
            // A separator keeps a phrase from matching across the end of one block and the start of the next.
            words.add("");
            words.addAll(TextTerms.words(block.text()));
        }
        lock.readLock().lock();
        try {
            Set<String> presentTerms = presentTerms(words);
            Set<String> candidates = new HashSet<>();
            countries.forEach(c -> candidates.addAll(postings.getOrDefault(COUNTRY + c, Set.of())));
            tags.forEach(t -> candidates.addAll(postings.getOrDefault(TAG + t, Set.of())));
            entities.forEach(e -> candidates.addAll(postings.getOrDefault(ENTITY + e, Set.of())));
            presentTerms.forEach(t -> candidates.addAll(postings.getOrDefault(TERM + t, Set.of())));
            for (String pair : pairKeys(prefixed(COUNTRY, countries), prefixed(TAG, tags), prefixed(ENTITY, entities))) {
                candidates.addAll(postings.getOrDefault(pair, Set.of()));
            }
            List<Match> matches = new ArrayList<>();
            for (String id : candidates) {
                Subscription subscription = subscriptions.get(id);
                List<String> matchedOn = articleMatch(subscription.rules(), countries, tags, entities, presentTerms);
                if (matchedOn != null) {
                    matches.add(new Match(subscription, matchedOn));
                }
            }
            return matches;
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<Match> matchRateChange(RateChanged change) {
        lock.readLock().lock();
        try {
            NavigableMap<BigDecimal, Map<String, PairRule>> byThreshold = pairRules.get(change.pair());
            if (byThreshold == null) {
                return List.of();
            }
            Map<String, List<String>> matchedOn = new LinkedHashMap<>();
            for (Map.Entry<BigDecimal, Map<String, PairRule>> entry : byThreshold.entrySet()) {
                MoveAssessment assessment = change.assessAt(entry.getKey());
                if (!assessment.big()) {
                    break;
                }
                for (Map.Entry<String, PairRule> rule : entry.getValue().entrySet()) {
                    if (assessment.firesFor(rule.getValue().direction())) {
                        matchedOn.computeIfAbsent(rule.getKey(), id -> new ArrayList<>()).add(rule.getValue().describe());
                    }
                }
            }
            List<Match> matches = new ArrayList<>(matchedOn.size());
            matchedOn.forEach((id, rules) -> matches.add(new Match(subscriptions.get(id), rules)));
            return matches;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The rules of {@code pair} that {@link #matchRateChange} does not judge: those that need history or memory. */
    public List<OwnedRule> statefulRules(String pair) {
        lock.readLock().lock();
        try {
            Map<String, List<PairRule>> bySubscription = statefulRules.get(pair);
            if (bySubscription == null) {
                return List.of();
            }
            List<OwnedRule> owned = new ArrayList<>();
            bySubscription.forEach((id, rules) -> rules.forEach(rule -> owned.add(new OwnedRule(subscriptions.get(id), rule))));
            return owned;
        } finally {
            lock.readLock().unlock();
        }
    }

    private Set<String> presentTerms(List<String> words) {
        Set<String> present = new HashSet<>();
        int longest = 0;
        for (int length = termsOfLength.length - 1; length > 0; length--) {
            if (termsOfLength[length] > 0) {
                longest = length;
                break;
            }
        }
        StringBuilder key = new StringBuilder();
        for (int start = 0; start < words.size(); start++) {
            key.setLength(0);
            for (int length = 1; length <= longest && start + length <= words.size(); length++) {
                String word = words.get(start + length - 1);
                if (word.isEmpty()) {
                    break;
                }
                if (length > 1) {
                    key.append(' ');
                }
                key.append(word);
                if (termsOfLength[length] > 0) {
                    String candidate = key.toString();
                    if (vocabulary.containsKey(candidate)) {
                        present.add(candidate);
                    }
                }
            }
        }
        return present;
    }

    /** The rules that matched, or {@code null} when a condition fails. */
    private static List<String> articleMatch(Rules rules, Set<String> countries, Set<String> tags, Set<String> entities,
                                             Set<String> presentTerms) {
        if (!intersects(rules.countries(), countries) || !intersects(rules.tags(), tags) || !intersects(rules.entities(), entities)) {
            return null;
        }
        List<String> matchedOn = new ArrayList<>();
        if (!anyOf(rules.countries(), countries, COUNTRY, matchedOn)
                || !anyOf(rules.tags(), tags, TAG, matchedOn)
                || !anyOf(rules.entities(), entities, ENTITY, matchedOn)) {
            return null;
        }
        KeywordQuery query = rules.query();
        if (query != null) {
            if (!query.matches(presentTerms::contains)) {
                return null;
            }
            matchedOn.add("query:" + rules.queryText());
        }
        return matchedOn.isEmpty() ? null : matchedOn;
    }

    private static boolean intersects(Set<String> wanted, Set<String> present) {
        if (wanted.isEmpty()) {
            return true;
        }
        Set<String> smaller = wanted.size() <= present.size() ? wanted : present;
        Set<String> larger = smaller == wanted ? present : wanted;
        for (String value : smaller) {
            if (larger.contains(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyOf(Set<String> wanted, Set<String> present, String prefix, List<String> matchedOn) {
        if (wanted.isEmpty()) {
            return true;
        }
        boolean any = false;
        for (String value : wanted) {
            if (present.contains(value)) {
                matchedOn.add(prefix + value);
                any = true;
            }
        }
        return any;
    }

    private void file(Subscription subscription) {
        Rules rules = subscription.rules();
        if (rules.watchesArticles()) {
            List<String> anchors = chooseAnchors(rules);
            anchors.forEach(a -> postings.computeIfAbsent(a, k -> new HashSet<>()).add(subscription.id()));
            anchorsOf.put(subscription.id(), anchors);
            if (rules.query() != null) {
                rules.query().terms().forEach(term -> {
                    if (vocabulary.merge(term, 1, Integer::sum) == 1) {
                        termsOfLength[lengthSlot(term)]++;
                    }
                });
            }
        }
        for (PairRule rule : rules.pairs()) {
            if (!rule.stateless()) {
                statefulRules.computeIfAbsent(rule.pair().toString(), p -> new HashMap<>())
                        .computeIfAbsent(subscription.id(), id -> new ArrayList<>()).add(rule);
                continue;
            }
            pairRules.computeIfAbsent(rule.pair().toString(), p -> new TreeMap<>())
                    .computeIfAbsent(rule.thresholdPct(), t -> new HashMap<>())
                    .merge(subscription.id(), rule, (a, b) -> a.direction() == b.direction() ? a
                            : new PairRule(a.pair(), a.thresholdPct(), Direction.EITHER));
        }
    }

    private void unfile(Subscription subscription) {
        List<String> anchors = anchorsOf.remove(subscription.id());
        if (anchors != null) {
            for (String anchor : anchors) {
                Set<String> ids = postings.get(anchor);
                if (ids != null && ids.remove(subscription.id()) && ids.isEmpty()) {
                    postings.remove(anchor);
                }
            }
        }
        KeywordQuery query = subscription.rules().query();
        if (query != null) {
            query.terms().forEach(term -> {
                Integer count = vocabulary.get(term);
                if (count == null) {
                    return;
                }
                if (count == 1) {
                    vocabulary.remove(term);
                    termsOfLength[lengthSlot(term)]--;
                } else {
                    vocabulary.put(term, count - 1);
                }
            });
        }
        for (PairRule rule : subscription.rules().pairs()) {
            if (!rule.stateless()) {
                Map<String, List<PairRule>> bySubscription = statefulRules.get(rule.pair().toString());
                if (bySubscription != null && bySubscription.remove(subscription.id()) != null && bySubscription.isEmpty()) {
                    statefulRules.remove(rule.pair().toString());
                }
                continue;
            }
            NavigableMap<BigDecimal, Map<String, PairRule>> byThreshold = pairRules.get(rule.pair().toString());
            if (byThreshold == null) {
                continue;
            }
            Map<String, PairRule> atThreshold = byThreshold.get(rule.thresholdPct());
            if (atThreshold != null) {
                atThreshold.remove(subscription.id());
                if (atThreshold.isEmpty()) {
                    byThreshold.remove(rule.thresholdPct());
                }
            }
            if (byThreshold.isEmpty()) {
                pairRules.remove(rule.pair().toString());
            }
        }
    }

    /** The article condition with the fewest subscriptions already filed under its values. */
    private List<String> chooseAnchors(Rules rules) {
        List<List<String>> options = new ArrayList<>();
        if (!rules.entities().isEmpty()) {
            options.add(rules.entities().stream().map(e -> ENTITY + e).toList());
        }
        KeywordQuery query = rules.query();
        if (query != null && query.requiredOneOf() != null) {
            options.add(query.requiredOneOf().stream().map(t -> TERM + t).toList());
        }
        if (!rules.tags().isEmpty()) {
            options.add(rules.tags().stream().map(t -> TAG + t).toList());
        }
        if (!rules.countries().isEmpty()) {
            options.add(rules.countries().stream().map(c -> COUNTRY + c).toList());
        }
        // Two conditions together are far more selective than either alone: with few countries and
        // topics, "KZ and energy" has a short posting list where "KZ" or "energy" alone has a long one.
        List<String> countries = rules.countries().stream().map(c -> COUNTRY + c).toList();
        List<String> tags = rules.tags().stream().map(t -> TAG + t).toList();
        List<String> entities = rules.entities().stream().map(e -> ENTITY + e).toList();
        addPairOption(options, countries, tags);
        addPairOption(options, countries, entities);
        addPairOption(options, tags, entities);
        List<String> best = options.getFirst();
        long bestLoad = Long.MAX_VALUE;
        for (List<String> option : options) {
            long load = option.stream().mapToLong(k -> postings.getOrDefault(k, Set.of()).size()).sum();
            if (load < bestLoad) {
                best = option;
                bestLoad = load;
            }
        }
        return best;
    }

    private static void addPairOption(List<List<String>> options, List<String> first, List<String> second) {
        if (!first.isEmpty() && !second.isEmpty() && first.size() * second.size() <= MAX_PAIR_ANCHORS) {
            options.add(pairKeys(first, second));
        }
    }

    /** Keys for both values of two conditions, e.g. {@code country:KZ|tag:energy}. */
    private static List<String> pairKeys(List<String> first, List<String> second) {
        List<String> keys = new ArrayList<>(first.size() * second.size());
        for (String a : first) {
            for (String b : second) {
                keys.add(a + PAIR_SEPARATOR + b);
            }
        }
        return keys;
    }

    /** The pair keys an article carries, for every two of its conditions. */
    private static List<String> pairKeys(List<String> countries, List<String> tags, List<String> entities) {
        List<String> keys = new ArrayList<>(pairKeys(countries, tags));
        keys.addAll(pairKeys(countries, entities));
        keys.addAll(pairKeys(tags, entities));
        return keys;
    }

    private static List<String> prefixed(String prefix, Set<String> values) {
        List<String> keys = new ArrayList<>(values.size());
        values.forEach(v -> keys.add(prefix + v));
        return keys;
    }

    private int lengthSlot(String term) {
        int words = term.split(" ").length;
        return Math.min(words, termsOfLength.length - 1);
    }
}

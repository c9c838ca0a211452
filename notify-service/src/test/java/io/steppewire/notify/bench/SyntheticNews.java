package io.steppewire.notify.bench;

import io.steppewire.events.EventIds;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.Direction;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.query.QueryParser;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generated subscriptions, articles and rate changes with the shape of real traffic. Subscribers are
 * specific, so most events match a handful of subscriptions:
 * <ul>
 *   <li>20 % country + one or two of 500 topics, half of them narrowed further by a keyword;</li>
 *   <li>20 % one to three of 50,000 named entities (companies, people, places);</li>
 *   <li>45 % keyword queries (one word, OR, AND NOT, or a phrase) over the specific part of the
 *       vocabulary, six in ten limited to a country;</li>
 *   <li>15 % one to three pair rules over 20 pairs (five local currencies against USD, EUR, RUB, CNY),
 *       thresholds 0.25 % to 5 % with the coarser ones more common, either direction or one.</li>
 * </ul>
 * Article text follows Zipf's law over a vocabulary of 50,000 made-up words, as real text does: a few
 * words are in every article, most are rare. Keywords are drawn from below the 2,000 most frequent
 * words, because nobody subscribes to the words every article contains. Rate changes move by an
 * exponentially distributed 0.15 % on average: mostly quiet, now and then a big move.
 */
final class SyntheticNews {

    static final List<String> COUNTRIES = List.of("KZ", "KG", "TJ", "UZ", "TM", "AF", "CN", "RU", "AZ", "IR", "MN", "TR");
    /** The pairs the end-to-end latency run sends changes of. */
    static final List<String> PAIRS = List.of("KZT/USD", "KGS/USD", "TJS/USD", "UZS/USD", "TMT/USD");
    /** Every pair subscriptions watch and rate changes move. */
    static final List<String> ALL_PAIRS = List.of(
            "KZT/USD", "KGS/USD", "TJS/USD", "UZS/USD", "TMT/USD",
            "KZT/EUR", "KGS/EUR", "TJS/EUR", "UZS/EUR", "TMT/EUR",
            "KZT/RUB", "KGS/RUB", "TJS/RUB", "UZS/RUB", "TMT/RUB",
            "KZT/CNY", "KGS/CNY", "TJS/CNY", "UZS/CNY", "TMT/CNY");
    /** Coarser thresholds are listed more often: most people care about big moves. */
    private static final List<String> THRESHOLDS = List.of("0.25", "0.5", "0.5", "1", "1", "1", "2", "2", "2", "3", "3", "5", "5");
    private static final int VOCABULARY = 50_000;
    /** Keywords come from below this frequency rank: the most common words are in nearly every article. */
    private static final int COMMON_WORDS = 2_000;
    private static final String[] SYLLABLES = {"ka", "ra", "tu", "bek", "sor", "al", "ma", "ty", "nur", "os", "gul", "dar",
            "sha", "kum", "ir", "ta", "zhan", "bo", "lek", "mi"};

    private final Random random;
    private final List<String> vocabulary = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<String> entities = new ArrayList<>();
    /** Cumulative Zipf weights of the vocabulary by frequency rank, to draw article words. */
    private final double[] wordFrequency = new double[VOCABULARY];

    SyntheticNews(long seed) {
        random = new Random(seed);
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < VOCABULARY) {
            words.add(word(2 + random.nextInt(4)));
        }
        vocabulary.addAll(words);
        double sum = 0;
        for (int rank = 0; rank < VOCABULARY; rank++) {
            sum += 1.0 / (rank + 1);
            wordFrequency[rank] = sum;
        }
        for (int rank = 0; rank < VOCABULARY; rank++) {
            wordFrequency[rank] /= sum;
        }
        Set<String> topics = new LinkedHashSet<>();
        while (topics.size() < 500) {
            topics.add("topic-" + word(3));
        }
        tags.addAll(topics);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < 50_000) {
            names.add(capitalised(word(2)) + " " + capitalised(word(3)));
        }
        entities.addAll(names);
    }

    Subscription subscription(int n, URI webhook) {
        String id = "bench-" + n;
        int kind = random.nextInt(100);
        Rules rules;
        if (kind < 20) {
            String query = random.nextBoolean() ? keyword() : null;
            rules = new Rules(Set.of(pick(COUNTRIES)), pickSome(tags, 1 + random.nextInt(2)), Set.of(), query,
                    query == null ? null : QueryParser.parse(query), List.of());
        } else if (kind < 40) {
            Set<String> names = new LinkedHashSet<>();
            pickSome(entities, 1 + random.nextInt(3)).forEach(e -> names.add(e.toLowerCase(java.util.Locale.ROOT)));
            rules = new Rules(Set.of(), Set.of(), names, null, null, List.of());
        } else if (kind < 85) {
            String query = switch (random.nextInt(4)) {
                case 0 -> keyword();
                case 1 -> keyword() + " OR " + keyword();
                case 2 -> keyword() + " AND NOT " + keyword();
                default -> "\"" + keyword() + " " + keyword() + "\" OR " + keyword();
            };
            Set<String> countries = random.nextInt(10) < 6 ? Set.of(pick(COUNTRIES)) : Set.of();
            rules = new Rules(countries, Set.of(), Set.of(), query, QueryParser.parse(query), List.of());
        } else {
            List<PairRule> pairs = new ArrayList<>();
            for (int i = 0, count = 1 + random.nextInt(3); i < count; i++) {
                pairs.add(new PairRule(CurrencyPair.parse(pick(ALL_PAIRS)), new BigDecimal(pick(THRESHOLDS)),
                        Direction.values()[random.nextInt(3)]));
            }
            rules = new Rules(Set.of(), Set.of(), Set.of(), null, null, pairs);
        }
        Instant created = Instant.parse("2026-03-01T00:00:00Z");
        return new Subscription(id, id, new Channel.Webhook(webhook, "bench-secret-0123456789"), rules, "token", created, created, 1, false, null);
    }

    ArticleIngested article(int n) {
        String title = sentence(8);
        List<BodyBlock> body = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            body.add(BodyBlock.paragraph(sentence(40)));
        }
        List<String> countries = List.copyOf(pickSome(COUNTRIES, 1 + random.nextInt(2)));
        List<String> articleTags = List.copyOf(pickSome(tags, 1 + random.nextInt(2)));
        List<String> names = List.copyOf(pickSome(entities, random.nextInt(4)));
        Instant seen = Instant.parse("2026-03-14T06:00:00Z").plusSeconds(n);
        return new ArticleIngested(EventIds.article("bench", title, Integer.toString(n)), "bench", "page-" + n, null, title, body,
                LocalDate.parse("2026-03-14"), seen, seen, countries, List.of(), articleTags, names, List.of(), List.of());
    }

    /**
     * A move of the pair either way, exponentially distributed with a mean of 0.15 % and capped at 6 %:
     * mostly small moves between quotes, now and then a big one.
     */
    RateChanged rateChange(int n, String pair) {
        double move = Math.min(6.0, 0.01 - 0.15 * Math.log(1 - random.nextDouble()));
        return rateChange(n, pair, move, random.nextBoolean());
    }

    RateChanged rateChange(int n, String pair, double movePct, boolean up) {
        Instant before = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * n);
        BigDecimal previous = new BigDecimal("0.0020100");
        BigDecimal factor = BigDecimal.valueOf(1 + (up ? movePct : -movePct) / 100);
        BigDecimal current = previous.multiply(factor).setScale(7, RoundingMode.HALF_EVEN);
        RateQuoted a = RateQuoted.fromQuote(pair, previous, null, before, "bench", null, before);
        RateQuoted b = RateQuoted.fromQuote(pair, current, null, before.plusSeconds(30), "bench", null, before.plusSeconds(30));
        return RateChanged.between(a, b, BigDecimal.ONE, before.plusSeconds(30));
    }

    private String sentence(int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(frequentWord());
        }
        return text.toString();
    }

    /** A word drawn by its Zipf frequency, as in running text. */
    private String frequentWord() {
        int rank = java.util.Arrays.binarySearch(wordFrequency, random.nextDouble());
        return vocabulary.get(Math.min(VOCABULARY - 1, rank < 0 ? -rank - 1 : rank));
    }

    /** A word specific enough to subscribe to: anything below the most common ones. */
    private String keyword() {
        return vocabulary.get(COMMON_WORDS + random.nextInt(VOCABULARY - COMMON_WORDS));
    }

    private String word(int syllables) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return word.toString();
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> Set<T> pickSome(List<T> values, int count) {
        Set<T> picked = new LinkedHashSet<>();
        while (picked.size() < count) {
            picked.add(pick(values));
        }
        return picked;
    }
}

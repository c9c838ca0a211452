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
import io.steppewire.notify.subscription.query.QueryParser;

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
 * Generated subscriptions, articles and rate changes with the shape of real traffic: made-up words
 * built from syllables, a few countries and topics that many subscriptions share, many rarer
 * entities and keywords.
 */
final class SyntheticNews {

    static final List<String> COUNTRIES = List.of("KZ", "KG", "TJ", "UZ", "TM", "AF", "CN", "RU", "AZ", "IR", "MN", "TR");
    static final List<String> PAIRS = List.of("KZT/USD", "KGS/USD", "TJS/USD", "UZS/USD", "TMT/USD");
    private static final List<String> THRESHOLDS = List.of("0.25", "0.5", "1", "2", "3", "5");
    private static final String[] SYLLABLES = {"ka", "ra", "tu", "bek", "sor", "al", "ma", "ty", "nur", "os", "gul", "dar",
            "sha", "kum", "ir", "ta", "zhan", "bo", "lek", "mi"};

    private final Random random;
    private final List<String> vocabulary = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<String> entities = new ArrayList<>();

    SyntheticNews(long seed) {
        random = new Random(seed);
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < 20_000) {
            words.add(word(2 + random.nextInt(3)));
        }
        vocabulary.addAll(words);
        for (int i = 0; i < 40; i++) {
            tags.add("topic-" + word(2));
        }
        for (int i = 0; i < 5_000; i++) {
            entities.add(capitalised(word(2)) + " " + capitalised(word(3)));
        }
    }

    Subscription subscription(int n, URI webhook) {
        String id = "bench-" + n;
        int kind = random.nextInt(100);
        Rules rules;
        if (kind < 35) {
            rules = new Rules(Set.of(pick(COUNTRIES)), pickSome(tags, 1 + random.nextInt(2)), Set.of(), null, null, List.of());
        } else if (kind < 50) {
            Set<String> names = new LinkedHashSet<>();
            pickSome(entities, 1 + random.nextInt(3)).forEach(e -> names.add(e.toLowerCase(java.util.Locale.ROOT)));
            rules = new Rules(Set.of(), Set.of(), names, null, null, List.of());
        } else if (kind < 75) {
            String query = switch (random.nextInt(4)) {
                case 0 -> pick(vocabulary);
                case 1 -> pick(vocabulary) + " OR " + pick(vocabulary);
                case 2 -> pick(vocabulary) + " AND NOT " + pick(vocabulary);
                default -> "\"" + pick(vocabulary) + " " + pick(vocabulary) + "\" OR " + pick(vocabulary);
            };
            Set<String> countries = random.nextBoolean() ? Set.of(pick(COUNTRIES)) : Set.of();
            rules = new Rules(countries, Set.of(), Set.of(), query, QueryParser.parse(query), List.of());
        } else {
            List<PairRule> pairs = new ArrayList<>();
            for (int i = 0, count = 1 + random.nextInt(2); i < count; i++) {
                pairs.add(new PairRule(CurrencyPair.parse(pick(PAIRS)), new BigDecimal(pick(THRESHOLDS)),
                        Direction.values()[random.nextInt(3)]));
            }
            rules = new Rules(Set.of(), Set.of(), Set.of(), null, null, pairs);
        }
        Instant created = Instant.parse("2026-03-01T00:00:00Z");
        return new Subscription(id, id, new Channel.Webhook(webhook, "bench-secret-0123456789"), rules, "token", created, created, 1, false);
    }

    ArticleIngested article(int n) {
        String title = sentence(8);
        List<BodyBlock> body = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            body.add(BodyBlock.paragraph(sentence(40)));
        }
        List<String> countries = List.copyOf(pickSome(COUNTRIES, 1 + random.nextInt(2)));
        List<String> articleTags = List.copyOf(pickSome(tags, 1 + random.nextInt(3)));
        List<String> names = List.copyOf(pickSome(entities, random.nextInt(4)));
        Instant seen = Instant.parse("2026-03-14T06:00:00Z").plusSeconds(n);
        return new ArticleIngested(EventIds.article("bench", title, Integer.toString(n)), "bench", "page-" + n, null, title, body,
                LocalDate.parse("2026-03-14"), seen, seen, countries, List.of(), articleTags, names, List.of(), List.of());
    }

    /**
     * A move of the pair either way, exponentially distributed with a mean of 0.4 % and capped at 6 %:
     * mostly small daily moves, now and then a big one.
     */
    RateChanged rateChange(int n, String pair) {
        double move = Math.min(6.0, 0.01 - 0.4 * Math.log(1 - random.nextDouble()));
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
            text.append(pick(vocabulary));
        }
        return text.toString();
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

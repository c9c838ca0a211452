package io.steppewire.localstack.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * History sent to a running stack as its users' data arrives: quote batches to rates-service and news pages to
 * ingest-service. Everything of one run is recognisable by its run word: the tickers' sources are
 * {@code bench-<run>-wire} and {@code bench-<run>-desk}, the pages' source is {@code bench-<run>}, and every article
 * names the run word, so that a keyword query finds exactly this run's articles.
 *
 * <p>Official sources are central banks' names ({@code nbk}, ...), so official quotes cannot carry the run's name;
 * instead each run takes pairs that the stack has never quoted (a rerun on the same stack finds earlier runs' pairs
 * taken), since rates-service drops a pair and source's quote older than its latest as out of order.
 */
final class HistoryLoad {

    /** Currencies priced in dollars that neither the made-up banks nor the sample pages quote. */
    private static final List<String> BASES = List.of("AMD", "GEL", "AZN", "MNT", "AFN", "PKR", "BYN", "MDL", "UAH",
            "INR", "BDT", "NPR", "LKR", "MYR", "THB", "VND", "IDR", "PHP", "KRW", "HKD", "SGD", "SAR", "QAR", "KWD",
            "OMR", "BHD", "JOD", "EGP", "MAD", "NGN", "KES", "ZAR", "BRL", "MXN", "ARS", "CLP", "COP", "PEN");
    private static final List<String> OFFICIAL = List.of("nbk", "cbu", "nbkr", "nbt", "cbt");
    private static final int QUOTES_PER_BATCH = 500;
    /** Below ingest-service's four pages at once, beyond which it answers 429. */
    private static final int PAGE_SENDERS = 3;
    private static final DateTimeFormatter PAGE_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private record City(String name, String country) {
    }

    private record Topic(String tag, String title, String sentence) {
    }

    private static final List<City> CITIES = List.of(new City("Atyrau", "KZ"), new City("Samarkand", "UZ"),
            new City("Bishkek", "KG"), new City("Dushanbe", "TJ"), new City("Ashgabat", "TM"), new City("Almaty", "KZ"),
            new City("Bukhara", "UZ"));
    private static final List<Topic> TOPICS = List.of(
            new Topic("energy", "Wind Farm Begins Selling Power to the Grid",
                    "The %s wind farm started selling electricity to the national grid this week, the energy ministry said."),
            new Topic("agriculture", "Farmers Bring In an Early Wheat Harvest",
                    "Farmers in the %s valley brought in their wheat harvest two weeks early, and cotton growers expect the same."),
            new Topic("transport", "New Freight Corridor Opens to Container Trains",
                    "The %s railway corridor opened to container freight, cutting the transit time of cargo to the Caspian ports."),
            new Topic("finance", "Bank Raises Its Interest Rate Again",
                    "The %s bank raised its interest rate on loans for the second time this quarter as inflation climbed."));
    private static final List<String> CLOSING = List.of(
            "Officials said the work would continue through the spring, weather permitting.",
            "Local traders welcomed the news but warned that prices could still rise before the summer.",
            "The ministry plans to publish a fuller account of the year at the end of the month.",
            "Residents said they had waited for this for years and hoped it would last.");

    /** One pair's history as sent, kept to choose rule levels that its quotes cross. */
    record PairHistory(String pair, String officialSource, BigDecimal first, BigDecimal lowest, BigDecimal highest, int quotes) {

        /** A level between the lowest and the highest quote: the quotes cross it. */
        BigDecimal middle() {
            return lowest.add(highest).divide(BigDecimal.TWO, 6, RoundingMode.HALF_EVEN);
        }

        /**
         * The way the quotes cross {@link #middle()} at least once: away from the side of the first quote, since the
         * extreme on the other side is reached too.
         */
        String crossing() {
            return first.compareTo(middle()) > 0 ? "down" : "up";
        }
    }

    private record Quote(String pair, String source, BigDecimal rate, Instant asOf) {
    }

    private final BenchHttp http;
    private final StackAddresses stack;
    private final String run;
    private final Random random;

    HistoryLoad(BenchHttp http, StackAddresses stack, String run) {
        this.http = http;
        this.stack = stack;
        this.run = run;
        this.random = new Random(run.hashCode());
    }

    /** The word every article of this run names, lower case as a query finds it (the run's name is letters only). */
    String runWord() {
        return "bench" + run.toLowerCase(Locale.ROOT);
    }

    /** {@code count} dollar pairs the stack has no quote of yet: a pair never quoted is 404 on article-service's history. */
    List<String> freshPairs(int count) {
        List<String> fresh = new ArrayList<>();
        for (String base : BASES) {
            if (http.get(stack.articleUrl() + "/api/rates/" + base + "-USD/history").status() == 404) {
                fresh.add(base + "/USD");
                if (fresh.size() == count) {
                    return fresh;
                }
            }
        }
        throw new IllegalStateException("Fewer than " + count + " unquoted pairs left on this stack: restart it with --wipe");
    }

    /**
     * Sends hourly-ish quotes of two tickers and a daily official quote per pair, from {@code from} to {@code to}, in
     * batches in time order. Every quote moves at least three units of its last decimal from its source's previous one,
     * so each but a source's first becomes a rate change.
     */
    List<PairHistory> sendQuotes(List<String> pairs, Instant from, Instant to) {
        List<Quote> quotes = new ArrayList<>();
        List<PairHistory> histories = new ArrayList<>();
        for (int p = 0; p < pairs.size(); p++) {
            String pair = pairs.get(p);
            String official = OFFICIAL.get(p % OFFICIAL.size());
            List<Quote> ofPair = quotesOf(pair, official, new BigDecimal("0.2").add(new BigDecimal("0.15").multiply(BigDecimal.valueOf(p))), from, to);
            quotes.addAll(ofPair);
            BigDecimal lowest = ofPair.stream().map(Quote::rate).min(Comparator.naturalOrder()).orElseThrow();
            BigDecimal highest = ofPair.stream().map(Quote::rate).max(Comparator.naturalOrder()).orElseThrow();
            histories.add(new PairHistory(pair, official, ofPair.getFirst().rate(), lowest, highest, ofPair.size()));
        }
        quotes.sort(Comparator.comparing(Quote::asOf));
        for (int start = 0; start < quotes.size(); start += QUOTES_PER_BATCH) {
            ObjectNode body = BenchHttp.JSON.createObjectNode();
            ArrayNode batch = body.putArray("quotes");
            for (Quote quote : quotes.subList(start, Math.min(quotes.size(), start + QUOTES_PER_BATCH))) {
                batch.addObject().put("pair", quote.pair()).put("rate", quote.rate().toPlainString())
                        .put("asOf", quote.asOf().toString()).put("source", quote.source());
            }
            http.postJson(stack.ratesUrl() + "/api/quotes", body.toString()).requireStatus(202, "POST /api/quotes");
        }
        return histories;
    }

    private List<Quote> quotesOf(String pair, String official, BigDecimal level, Instant from, Instant to) {
        List<Quote> quotes = new ArrayList<>();
        Map<String, BigDecimal> previous = new LinkedHashMap<>();
        double truth = level.doubleValue();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            // A random walk of about 0.15 % an hour, with a jump of 1.5 % about once in four days.
            truth *= 1 + random.nextGaussian() * 0.0015 + (random.nextInt(100) == 0 ? (random.nextBoolean() ? 0.015 : -0.015) : 0);
            for (String ticker : List.of("wire", "desk")) {
                String source = "bench-" + run + "-" + ticker;
                double noisy = truth * (1 + random.nextGaussian() * 0.002);
                Instant asOf = hour.plusSeconds(random.nextInt(20 * 60));
                quotes.add(new Quote(pair, source, moved(previous, source, noisy, 5), asOf));
            }
            if (hour.atZone(ZoneOffset.UTC).getHour() == 0) {
                quotes.add(new Quote(pair, official, moved(previous, official, truth, 6), hour));
            }
        }
        return quotes;
    }

    /** The rate at {@code decimals}, at least three units of the last decimal away from the source's previous rate. */
    private static BigDecimal moved(Map<String, BigDecimal> previous, String source, double rate, int decimals) {
        BigDecimal next = BigDecimal.valueOf(rate).setScale(decimals, RoundingMode.HALF_EVEN);
        BigDecimal before = previous.get(source);
        BigDecimal least = BigDecimal.valueOf(3, decimals);
        if (before != null && next.subtract(before).abs().compareTo(least) < 0) {
            next = next.compareTo(before) >= 0 ? before.add(least) : before.subtract(least);
        }
        previous.put(source, next);
        return next;
    }

    /**
     * Posts {@code count} one-article pages, published on days spread over [{@code from}, {@code to}), of several
     * countries and topics, three at a time; answers the ids of the articles ingest-service accepted.
     */
    Set<String> sendPages(int count, Instant from, Instant to) throws Exception {
        Set<String> articleIds = ConcurrentHashMap.newKeySet();
        long spacing = Duration.between(from, to).toSeconds() / count;
        List<Future<?>> sent = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(PAGE_SENDERS)) {
            for (int n = 0; n < count; n++) {
                String page = page(n, from.plusSeconds(spacing * n));
                sent.add(senders.submit(() -> http.postPage(stack.ingestUrl() + "/api/pages?source=bench-" + run, page)
                        .requireStatus(202, "POST /api/pages").json().path("articles")
                        .forEach((JsonNode article) -> articleIds.add(article.path("id").asString()))));
            }
            for (Future<?> page : sent) {
                page.get();
            }
        }
        return articleIds;
    }

    private String page(int n, Instant published) {
        City city = CITIES.get(n % CITIES.size());
        Topic topic = TOPICS.get((n / CITIES.size()) % TOPICS.size());
        String name = MadeUpWords.word((run.hashCode() & 0xfffL) * 1_000 + n);
        return """
                %s

                %s %s in %s

                %s – %s %s

                %s The %s desk reported it first.
                """.formatted(PAGE_DATE.format(published.atZone(ZoneOffset.UTC)), name, topic.title(), city.name(),
                city.name().toUpperCase(Locale.ROOT), topic.sentence().formatted(name), CLOSING.get(n % CLOSING.size()),
                MadeUpWords.namesSentence(run.hashCode(), n, 60), runWord());
    }
}

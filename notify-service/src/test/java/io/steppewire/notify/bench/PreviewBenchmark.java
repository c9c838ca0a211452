package io.steppewire.notify.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.notify.delivery.outbox.WebhookConfiguration;
import io.steppewire.notify.history.ArticleHistory;
import io.steppewire.notify.history.HistoryProperties;
import io.steppewire.notify.history.RateChangeHistory;
import io.steppewire.notify.preview.PreviewProperties;
import io.steppewire.notify.preview.PreviewRequest;
import io.steppewire.notify.preview.PreviewResponse;
import io.steppewire.notify.preview.PreviewSubscription;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.subscription.SubscriptionRequest;
import io.steppewire.notify.subscription.SubscriptionRequest.PairRuleRequest;
import io.steppewire.notify.subscription.SubscriptionRequest.RulesRequest;
import io.steppewire.notify.subscription.SubscriptionValidator;
import io.steppewire.notify.subscription.store.InternetAddressSyntax;
import io.steppewire.platform.net.CheckedResolver;
import io.steppewire.platform.net.OutboundAddressPolicy;
import io.steppewire.standin.StandInStore;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The backtest's answer time over 30 days of stored history, on mongo-java-server as the local stack runs it:
 * {@code notify.bench.articles-per-day} synthetic articles a day (default 1,000: 30,000 in the period) and the rate
 * changes of five pairs, each with an official daily rate and two hourly tickers, over the period and the 33 days
 * before it that warm the rules up (about 15,000). Each subscription shape is previewed {@code notify.bench.runs} times
 * after one warm-up run; the median and the slowest are printed.
 *
 * <pre>./mvnw -B -q -pl notify-service -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.steppewire.notify.bench.PreviewBenchmark</pre>
 */
public final class PreviewBenchmark {

    private static final Instant END = Instant.parse("2026-03-31T00:00:00Z");
    private static final Instant START = END.minus(Duration.ofDays(30));
    private static final List<String> PAIRS = SyntheticNews.PAIRS;
    private static final Map<String, String> OFFICIAL = Map.of("KZT/USD", "nbk", "UZS/USD", "cbu", "KGS/USD", "nbkr", "TJS/USD", "nbt",
            "TMT/USD", "cbt");

    private static final OperatingSystemMXBean LOAD = ManagementFactory.getOperatingSystemMXBean();

    private PreviewBenchmark() {
    }

    public static void main(String[] args) {
        int articlesPerDay = Integer.getInteger("notify.bench.articles-per-day", 1_000);
        int runs = Integer.getInteger("notify.bench.runs", 5);
        MongoServer server = StandInStore.inMemory();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoTemplate mongo = new MongoTemplate(client, "preview-bench");
            HistoryProperties history = new HistoryProperties(Duration.ofDays(92), Set.copyOf(OFFICIAL.values()));
            Clock clock = Clock.fixed(END, ZoneOffset.UTC);
            ArticleHistory articles = new ArticleHistory(mongo, history, clock);
            RateChangeHistory changes = new RateChangeHistory(mongo, history, clock);
            long loading = System.nanoTime();
            int storedArticles = storeArticles(articles, articlesPerDay);
            int storedChanges = storeRateChanges(changes);
            System.out.printf(Locale.ROOT, "stored %,d articles and %,d rate changes in %.1f s%n", storedArticles, storedChanges,
                    (System.nanoTime() - loading) / 1e9);

            SubscriptionValidator validator = new SubscriptionValidator(WebhookConfiguration.urlCheck(
                    new CheckedResolver(OutboundAddressPolicy.publicOnly(), host -> new InetAddress[]{InetAddress.getByName("93.184.216.34")})),
                    new InternetAddressSyntax());
            PreviewSubscription previews = new PreviewSubscription(validator, articles, changes, history,
                    new PreviewProperties(Duration.ofDays(92), 500), clock);
            Map<String, RulesRequest> shapes = new LinkedHashMap<>();
            shapes.put("country and tag", new RulesRequest(List.of("KZ"), List.of(topTag(mongo)), null, null, null));
            shapes.put("one country", new RulesRequest(List.of("KZ"), null, null, null, null));
            shapes.put("keyword query of two frequent words", new RulesRequest(null, null, null, topWord(mongo) + " OR " + topWord(mongo), null));
            shapes.put("five rate kinds on KGS/USD", new RulesRequest(null, null, null, null, List.of(
                    new PairRuleRequest("change", "KGS/USD", "0.5", null, null, null, null, "60"),
                    new PairRuleRequest("window", "KGS/USD", "1", null, "7d", null, null, null),
                    new PairRuleRequest("level", "KGS/USD", null, "down", null, "0.0114", "0.5", null),
                    new PairRuleRequest("sinceLastAlert", "KGS/USD", "1", null, null, null, null, null),
                    new PairRuleRequest("divergence", "KGS/USD", "0.5", null, null, null, null, "60"))));
            shapes.put("country, query and a 30d window on every pair", new RulesRequest(List.of("KZ", "UZ"), null, null,
                    topWord(mongo), PAIRS.stream().map(p -> new PairRuleRequest("window", p, "1", null, "30d", null, null, null)).toList()));
            System.out.printf(Locale.ROOT, "load average before: %.1f on %d cores%n", LOAD.getSystemLoadAverage(), LOAD.getAvailableProcessors());
            System.out.println("shape | articles read | rate changes read | alerts | median ms | slowest ms | of which reading ms");
            for (Map.Entry<String, RulesRequest> shape : shapes.entrySet()) {
                PreviewRequest request = new PreviewRequest(null, null, shape.getValue(), START.toString(), END.toString());
                previews.preview(request);
                long[] millis = new long[runs];
                PreviewResponse answer = null;
                for (int run = 0; run < runs; run++) {
                    long started = System.nanoTime();
                    answer = previews.preview(request);
                    millis[run] = (System.nanoTime() - started) / 1_000_000;
                }
                Arrays.sort(millis);
                System.out.printf(Locale.ROOT, "%s | %,d | %,d | %,d | %d | %d | %d%n", shape.getKey(), answer.articlesRead(), answer.rateChangesRead(),
                        answer.total(), millis[runs / 2], millis[runs - 1], readingMillis(shape.getValue(), validator, articles, changes));
            }
            System.out.printf(Locale.ROOT, "load average after: %.1f%n", LOAD.getSystemLoadAverage());
        } finally {
            server.shutdownNow();
        }
    }

    /** The reads of one preview alone (the median of three), to tell the store's share from the replay's. */
    private static long readingMillis(RulesRequest rules, SubscriptionValidator validator, ArticleHistory articles, RateChangeHistory changes) {
        Rules parsed = validator.validate(new SubscriptionRequest("bench", new SubscriptionRequest.ChannelRequest("sse", null, null, null), rules))
                .rules();
        long[] millis = new long[3];
        for (int run = 0; run < millis.length; run++) {
            long started = System.nanoTime();
            if (parsed.watchesArticles()) {
                articles.candidatesBetween(START, END, parsed);
            }
            if (parsed.watchesRates()) {
                changes.detectedBetween(START.minus(PreviewSubscription.warmUp(parsed)), END,
                        parsed.pairs().stream().map(p -> p.pair().toString()).collect(java.util.stream.Collectors.toSet()));
            }
            millis[run] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        return millis[1];
    }

    private static int storeArticles(ArticleHistory history, int perDay) {
        SyntheticNews news = new SyntheticNews(14);
        long spacing = Duration.ofDays(1).toSeconds() / perDay;
        int total = perDay * 30;
        List<ArticleIngested> batch = new ArrayList<>();
        for (int n = 0; n < total; n++) {
            ArticleIngested a = news.article(n);
            Instant seen = START.plusSeconds(spacing * n);
            // Every fifth article retells the one before it: a story of two sources.
            String story = n % 5 == 4 ? "story-" + (n - 1) : null;
            batch.add(new ArticleIngested(a.articleId(), a.source(), a.pageId(), a.url(), a.title(), a.body(), seen.atOffset(ZoneOffset.UTC).toLocalDate(),
                    seen, seen, a.countries(), a.currencies(), a.tags(), a.entities(), a.tagScores(), a.imageCredits(), story, null, null, null));
            if (batch.size() == 500) {
                history.rememberAll(batch);
                batch.clear();
            }
        }
        history.rememberAll(batch);
        return total;
    }

    private static int storeRateChanges(RateChangeHistory history) {
        Random random = new Random(13);
        Instant from = START.minus(Duration.ofDays(33));
        List<RateChanged> batch = new ArrayList<>();
        int stored = 0;
        for (String pair : PAIRS) {
            BigDecimal officialRate = new BigDecimal("0.011400");
            for (Instant day = from; day.isBefore(END); day = day.plus(Duration.ofDays(1))) {
                BigDecimal next = walk(officialRate, random, 6);
                batch.add(change(pair, OFFICIAL.get(pair), officialRate, day.minus(Duration.ofDays(1)), next, day));
                officialRate = next;
            }
            for (String ticker : List.of("times-ca", "steppe-daily")) {
                BigDecimal rate = new BigDecimal("0.01140");
                for (Instant hour = from; hour.isBefore(END); hour = hour.plus(Duration.ofHours(1))) {
                    BigDecimal next = walk(rate, random, 5);
                    batch.add(change(pair, ticker, rate, hour.minus(Duration.ofHours(1)), next, hour));
                    rate = next;
                }
            }
            history.rememberAll(batch);
            stored += batch.size();
            batch.clear();
        }
        return stored;
    }

    /** A move of up to 0.4 % either way, at the given decimals. */
    private static BigDecimal walk(BigDecimal rate, Random random, int decimals) {
        BigDecimal factor = BigDecimal.valueOf(1 + (random.nextDouble() - 0.5) * 0.008);
        return rate.multiply(factor).setScale(decimals, RoundingMode.HALF_EVEN);
    }

    private static RateChanged change(String pair, String source, BigDecimal previous, Instant previousAsOf, BigDecimal rate, Instant asOf) {
        return RateChanged.between(RateQuoted.fromQuote(pair, previous, null, previousAsOf, source, null, previousAsOf),
                RateQuoted.fromQuote(pair, rate, null, asOf, source, null, asOf), BigDecimal.ONE, asOf);
    }

    /** A tag the stored articles carry, so that the country-and-tag shape finds some. */
    private static String topTag(MongoTemplate mongo) {
        return mongo.getCollection("article_history").find().first().getList("tags", String.class).getFirst();
    }

    /** A word of the first stored article's title: the query finds it and others. */
    private static String topWord(MongoTemplate mongo) {
        String event = mongo.getCollection("article_history").find().first().getString("event");
        int title = event.indexOf("\"title\":\"") + 9;
        return event.substring(title, event.indexOf(' ', title));
    }
}

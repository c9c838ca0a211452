package io.steppewire.article.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import io.steppewire.article.rates.RateStore;
import io.steppewire.article.store.Generation;
import io.steppewire.article.store.ProjectionGenerations;
import io.steppewire.article.store.StoreProperties;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.standin.StandInStore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Not a test. How fast {@code GET /api/rates/{pair}/daily} reads a year: writes a year of generated quotes for
 * several pairs (per pair and day one official quote and a number of intraday ticker quotes from three sources) into the
 * embedded store (mongo-java-server, memory backend) through the projection's own writes, then times the store
 * query behind the endpoint for one pair over 366 days, with and without a source, and the history of that year
 * for comparison.
 *
 * <pre>
 * ./mvnw -B -q -pl article-service -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.steppewire.article.bench.DailyRatesBenchmark [-Dexec.args="10 8 200"]
 * </pre>
 * Arguments: pairs (default 10), ticker quotes per ticker source and day (default 8), timed queries (default 200).
 */
public final class DailyRatesBenchmark {

    private static final List<String> CURRENCIES = List.of("KZT", "UZS", "KGS", "TJS", "TMT", "AFN", "MNT", "AZN", "GEL", "AMD",
            "RUB", "CNY", "TRY", "AED", "IRR", "PKR", "INR", "BYN", "UAH", "EUR");
    private static final List<String> TICKERS = List.of("steppe-daily", "pamir-daily", "silk-road-ledger");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2025-03-15");
    private static final int DAYS = 366;
    private static final int BATCH = 2_000;

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int tickerQuotesPerDay = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        MongoServer server = StandInStore.inMemory();
        String address = "mongodb://127.0.0.1:" + server.bind().getPort();
        try (MongoClient client = MongoClients.create(address)) {
            MongoDatabase database = client.getDatabase("articles");
            RateStore rates = new RateStore(database, new ProjectionGenerations(database, new StoreProperties(Duration.ofSeconds(1))));
            rates.createIndexes(Generation.ORIGINAL);

            SplittableRandom random = new SplittableRandom(20260314);
            List<RateQuoted> batch = new ArrayList<>(BATCH);
            int points = 0;
            long writing = System.nanoTime();
            for (int p = 0; p < pairs; p++) {
                String pair = CURRENCIES.get(p % CURRENCIES.size()) + "/USD";
                BigDecimal rate = new BigDecimal("0.0021");
                for (int d = 0; d < DAYS; d++) {
                    Instant day = FIRST_DAY.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant();
                    batch.add(RateQuoted.fromQuote(pair, rate.setScale(6, RoundingMode.HALF_EVEN), null, day, "nbk", null, day));
                    for (String ticker : TICKERS) {
                        for (int q = 0; q < tickerQuotesPerDay; q++) {
                            Instant at = day.plusSeconds(q * 86_400L / tickerQuotesPerDay + random.nextInt(600));
                            BigDecimal moved = rate.multiply(BigDecimal.valueOf(1 + (random.nextDouble() - 0.5) / 100));
                            batch.add(RateQuoted.fromQuote(pair, moved.setScale(5 + random.nextInt(3), RoundingMode.HALF_EVEN), null, at,
                                    ticker, null, at));
                        }
                    }
                    rate = rate.multiply(BigDecimal.valueOf(1 + (random.nextDouble() - 0.5) / 50));
                    if (batch.size() >= BATCH) {
                        points += batch.size();
                        rates.recordQuotes(Generation.ORIGINAL, batch);
                        batch.clear();
                    }
                }
            }
            points += batch.size();
            rates.recordQuotes(Generation.ORIGINAL, batch);
            double writeSeconds = (System.nanoTime() - writing) / 1e9;
            System.out.printf(Locale.ROOT, "stored %,d quotes (%d pairs, %d days, 1 official + %d ticker quotes from %d sources per day) in %.1f s (%,.0f/s)%n",
                    points, pairs, DAYS, tickerQuotesPerDay * TICKERS.size(), TICKERS.size(), writeSeconds, points / writeSeconds);

            LocalDate last = FIRST_DAY.plusDays(DAYS - 1L);
            Instant yearStart = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant yearEnd = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Map<String, Supplier<Integer>> kinds = new LinkedHashMap<>();
            kinds.put("daily, 366 days, every source", () -> rates.daily("KZT/USD", FIRST_DAY, last, null).size());
            kinds.put("daily, 366 days, source=steppe-daily", () -> rates.daily("KZT/USD", FIRST_DAY, last, "steppe-daily").size());
            kinds.put("daily, 30 days, every source", () -> rates.daily("KZT/USD", last.minusDays(29), last, null).size());
            kinds.put("history, 366 days, source=nbk (for comparison)", () -> rates.history("KZT/USD", "nbk", yearStart, yearEnd).size());
            // Every kind is warmed up before any is timed, and the kinds take turns, so that neither the compilers nor a
            // burst of load on a shared machine falls on one kind alone.
            for (int round = 0; round < Math.max(10, queries / 4); round++) {
                kinds.values().forEach(Supplier::get);
            }
            Map<String, long[]> micros = new LinkedHashMap<>();
            Map<String, Integer> answered = new LinkedHashMap<>();
            kinds.keySet().forEach(label -> micros.put(label, new long[queries]));
            for (int i = 0; i < queries; i++) {
                for (Map.Entry<String, Supplier<Integer>> kind : kinds.entrySet()) {
                    long started = System.nanoTime();
                    answered.put(kind.getKey(), kind.getValue().get());
                    micros.get(kind.getKey())[i] = (System.nanoTime() - started) / 1_000;
                }
            }
            micros.forEach((label, times) -> {
                Arrays.sort(times);
                System.out.printf(Locale.ROOT, "%-48s %4d items  p50 %6.1f ms  p99 %6.1f ms  (%d queries)%n", label, answered.get(label),
                        times[queries / 2] / 1e3, times[Math.min(queries - 1, queries * 99 / 100)] / 1e3, queries);
            });
        } finally {
            server.shutdownNow();
        }
    }

    private DailyRatesBenchmark() {
    }
}

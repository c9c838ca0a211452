package io.steppewire.localstack.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The backtest ({@code POST /api/subscriptions/preview}) over 30 days of history on a running local stack, timed over
 * HTTP as a user's client sees it (issue #14: under 2 s for 30 days of history).
 *
 * <p>First it sends the history as users' data arrives: quote batches to rates-service (three fresh pairs, two tickers
 * hourly-ish and a daily official rate each, with as-of times over the 30 days and the 33 before them that warm the
 * rules up) and {@code bench.articles} one-article pages to ingest-service (default 300, five countries, four topics),
 * then waits until notify-service's history holds all of it, asking the preview itself. Then it previews each
 * subscription shape {@code bench.warm-up} times unmeasured and {@code bench.runs} times measured, and prints per shape
 * the median, p99 and slowest time with the alerts answered, beside the same client's time for a trivial GET on
 * notify-service ({@code /actuator/health}) in the same run.
 *
 * <p>The services stamp what they consume with the time they consume it, so the whole history is "detected" during
 * the load; the previewed period is the 30 days up to a minute after it.
 *
 * <pre>./mvnw -B -q -pl local-stack -am test-compile exec:java -Dexec.skip=true -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.steppewire.localstack.bench.PreviewOnStackBenchmark</pre>
 */
public final class PreviewOnStackBenchmark {

    private static final int PAIRS = 3;
    private static final Duration PERIOD = Duration.ofDays(30);
    private static final Duration WARM_UP_HISTORY = Duration.ofDays(33);

    private PreviewOnStackBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StackAddresses stack = StackAddresses.fromSystemProperties();
        int articles = Integer.getInteger("bench.articles", 300);
        int warmUps = Integer.getInteger("bench.warm-up", 3);
        int runs = Integer.getInteger("bench.runs", 20);
        Duration patience = Duration.ofSeconds(Long.getLong("bench.wait-seconds", 600));
        String run = System.getProperty("bench.run", MadeUpWords.word(Instant.now().getEpochSecond() / 60 % 100_000).toLowerCase(Locale.ROOT));
        BenchHttp http = new BenchHttp(stack.apiKey());
        stack.requireUp(http);
        System.out.println("run '" + run + "' against " + stack.notifyUrl() + "; " + Machine.loadLine());

        HistoryLoad load = new HistoryLoad(http, stack, run);
        Instant historyEnd = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long loading = System.nanoTime();
        List<HistoryLoad.PairHistory> pairs = load.sendQuotes(load.freshPairs(PAIRS), historyEnd.minus(PERIOD).minus(WARM_UP_HISTORY), historyEnd);
        int quotes = pairs.stream().mapToInt(HistoryLoad.PairHistory::quotes).sum();
        // Each source's first quote has nothing to change from: two tickers and one official source per pair.
        int expectedChanges = quotes - 3 * pairs.size();
        Set<String> articleIds = load.sendPages(articles, historyEnd.minus(PERIOD), historyEnd);
        System.out.printf(Locale.ROOT, "sent %,d quotes of %s and %,d pages (%,d articles accepted) in %.1f s%n", quotes,
                pairs.stream().map(HistoryLoad.PairHistory::pair).toList(), articles, articleIds.size(), (System.nanoTime() - loading) / 1e9);

        Previews previews = new Previews(http, stack.notifyUrl());
        awaitHistory(previews, load.runWord(), articleIds.size(), pairs, expectedChanges, patience);
        System.out.printf(Locale.ROOT, "notify-service holds the history %.1f s after the load started%n", (System.nanoTime() - loading) / 1e9);

        Instant to = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
        Instant from = to.minus(PERIOD);
        Map<String, ObjectNode> shapes = shapes(pairs);
        long[] baseline = new long[runs];
        for (int i = 0; i < warmUps + runs; i++) {
            long nanos = http.get(stack.notifyUrl() + "/actuator/health").requireStatus(200, "GET /actuator/health").nanos();
            if (i >= warmUps) {
                baseline[i - warmUps] = nanos;
            }
        }
        Latencies bare = new Latencies(baseline);
        System.out.println("before the previews: " + Machine.loadLine());
        System.out.printf(Locale.ROOT, "baseline GET /actuator/health on notify-service, %d runs: median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                runs, bare.percentileMillis(50), bare.percentileMillis(99), bare.maxMillis());
        System.out.println("shape | alerts | articles read | rate changes read | median ms | p99 ms | max ms | median / baseline");
        double slowestMedian = 0;
        for (Map.Entry<String, ObjectNode> shape : shapes.entrySet()) {
            String body = previews.body(shape.getValue(), from, to);
            long[] nanos = new long[runs];
            JsonNode answer = null;
            for (int i = 0; i < warmUps + runs; i++) {
                BenchHttp.Answer timed = previews.post(body);
                if (i >= warmUps) {
                    nanos[i - warmUps] = timed.nanos();
                }
                answer = timed.json();
            }
            Latencies times = new Latencies(nanos);
            slowestMedian = Math.max(slowestMedian, times.percentileMillis(50));
            System.out.printf(Locale.ROOT, "%s | %,d | %,d | %,d | %.0f | %.0f | %.0f | %.0f%n", shape.getKey(), answer.path("total").asInt(),
                    answer.path("articlesRead").asInt(), answer.path("rateChangesRead").asInt(), times.percentileMillis(50),
                    times.percentileMillis(99), times.maxMillis(), times.percentileMillis(50) / bare.percentileMillis(50));
        }
        System.out.println("after the previews: " + Machine.loadLine());
        System.out.printf(Locale.ROOT, "target: under 2 s for 30 days of history: slowest shape's median %.0f ms: %s%n", slowestMedian,
                slowestMedian < 2_000 ? "met" : "NOT met");
    }

    /**
     * Polls, asking the preview itself, until notify-service's history holds every article of this run (a query of
     * the run's word reads exactly those) and every rate change of its pairs.
     */
    private static void awaitHistory(Previews previews, String runWord, int articles, List<HistoryLoad.PairHistory> pairs,
                                     int changes, Duration patience) throws InterruptedException {
        Instant to = Instant.now().plus(Duration.ofHours(1));
        String articleProbe = previews.body(rules(r -> r.put("query", runWord)), to.minus(PERIOD), to);
        String rateProbe = previews.body(rules(r -> {
            ArrayNode rules = r.putArray("pairs");
            pairs.forEach(p -> rules.addObject().put("pair", p.pair()).put("thresholdPct", "50"));
        }), to.minus(PERIOD), to);
        Instant deadline = Instant.now().plus(patience);
        int heldArticles = 0;
        int heldChanges = 0;
        long reported = 0;
        while (heldArticles < articles || heldChanges < changes) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("After " + patience.toSeconds() + " s notify-service holds " + heldArticles + " of " + articles
                        + " articles and " + heldChanges + " of " + changes + " rate changes");
            }
            heldArticles = previews.post(articleProbe).json().path("articlesRead").asInt();
            heldChanges = previews.post(rateProbe).json().path("rateChangesRead").asInt();
            if (System.nanoTime() - reported > Duration.ofSeconds(10).toNanos()) {
                System.out.printf(Locale.ROOT, "notify-service holds %,d of %,d articles and %,d of %,d rate changes%n", heldArticles, articles,
                        heldChanges, changes);
                reported = System.nanoTime();
            }
            Thread.sleep(1_000);
        }
    }

    /** The rule shapes timed: article conditions alone, each pair rule kind alone, and everything at once. */
    private static Map<String, ObjectNode> shapes(List<HistoryLoad.PairHistory> pairs) {
        HistoryLoad.PairHistory first = pairs.getFirst();
        Map<String, ObjectNode> shapes = new LinkedHashMap<>();
        shapes.put("articles: country KZ and tag energy", rules(r -> {
            r.putArray("countries").add("KZ");
            r.putArray("tags").add("energy");
        }));
        shapes.put("articles: tags agriculture or transport", rules(r -> r.putArray("tags").add("agriculture").add("transport")));
        shapes.put("articles: query harvest OR grid", rules(r -> r.put("query", "harvest OR grid")));
        shapes.put("articles: countries UZ, KG and a phrase query", rules(r -> {
            r.putArray("countries").add("UZ").add("KG");
            r.put("query", "\"wind farm\" OR wheat");
        }));
        shapes.put("pairs: change 0.5 % on " + first.pair(), pairRules(List.of(change(first))));
        shapes.put("pairs: window 7d 1 % on " + first.pair(), pairRules(List.of(window(first))));
        shapes.put("pairs: level on " + first.pair(), pairRules(List.of(level(first))));
        shapes.put("pairs: sinceLastAlert 1 % on " + first.pair(), pairRules(List.of(sinceLastAlert(first))));
        shapes.put("pairs: divergence 0.3 % on " + first.pair(), pairRules(List.of(divergence(first))));
        shapes.put("mixed: countries KZ, UZ, a query, all five kinds on every pair", rules(r -> {
            r.putArray("countries").add("KZ").add("UZ");
            r.put("query", "harvest OR grid OR freight");
            ArrayNode rules = r.putArray("pairs");
            for (HistoryLoad.PairHistory pair : pairs) {
                for (ObjectNode rule : List.of(change(pair), window(pair), level(pair), sinceLastAlert(pair), divergence(pair))) {
                    rules.add(rule);
                }
            }
        }));
        return shapes;
    }

    private static ObjectNode rules(Consumer<ObjectNode> filler) {
        ObjectNode rules = BenchHttp.JSON.createObjectNode();
        filler.accept(rules);
        return rules;
    }

    private static ObjectNode pairRules(List<ObjectNode> pairRules) {
        return rules(r -> r.putArray("pairs").addAll(pairRules));
    }

    private static ObjectNode pairRule(String kind, HistoryLoad.PairHistory pair) {
        return BenchHttp.JSON.createObjectNode().put("kind", kind).put("pair", pair.pair());
    }

    private static ObjectNode change(HistoryLoad.PairHistory pair) {
        return pairRule("change", pair).put("thresholdPct", "0.5").put("direction", "either");
    }

    private static ObjectNode window(HistoryLoad.PairHistory pair) {
        return pairRule("window", pair).put("window", "7d").put("thresholdPct", "1").put("direction", "either");
    }

    private static ObjectNode level(HistoryLoad.PairHistory pair) {
        return pairRule("level", pair).put("level", pair.middle().toPlainString()).put("direction", pair.crossing()).put("hysteresisPct", "0.5");
    }

    private static ObjectNode sinceLastAlert(HistoryLoad.PairHistory pair) {
        return pairRule("sinceLastAlert", pair).put("thresholdPct", "1").put("direction", "either");
    }

    private static ObjectNode divergence(HistoryLoad.PairHistory pair) {
        return pairRule("divergence", pair).put("thresholdPct", "0.3").put("direction", "either");
    }

    /** {@code POST /api/subscriptions/preview} with the admin key. */
    private record Previews(BenchHttp http, String notifyUrl) {

        String body(ObjectNode rules, Instant from, Instant to) {
            ObjectNode body = BenchHttp.JSON.createObjectNode();
            body.set("rules", rules);
            return body.put("from", from.toString()).put("to", to.toString()).toString();
        }

        BenchHttp.Answer post(String body) {
            return http.postJson(notifyUrl + "/api/subscriptions/preview", body).requireStatus(200, "POST /api/subscriptions/preview");
        }
    }
}

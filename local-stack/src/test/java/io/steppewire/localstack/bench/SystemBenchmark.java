package io.steppewire.localstack.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The whole local stack driven over HTTP as a user would (issue #16, "The system benchmark"), beside bare floors on the
 * same broker and store in the same run.
 *
 * <p>For each rate of {@code bench.rates-per-second} (default 20,100,200), for {@code bench.seconds} (default 30): quotes
 * to rates-service at that rate, one per request, each a 2 % move from its source's previous quote, every one an alert
 * of the one subscriber (a signed webhook received here: time from just before the POST to the delivery's arrival);
 * and beside them {@code bench.pages-per-second} pages (default 5) to ingest-service, each one article that the
 * subscriber's query matches (time from the POST to the article being listed by article-service, and to its alert's
 * arrival). Then the same rates for the same time through the floors: {@link KafkaFloor} (bare producer, consumer,
 * signed POST) and {@link StoreFloor} (bare driver writes of the services' shape). A first round at the lowest rate for
 * {@code bench.warm-up-seconds} (default 30) is not measured: fresh JVMs compile for a minute.
 *
 * <p>Printed per rate: p50 / p99 / max, throughput and delivered counts, each latency's ratio to its floor, CPU per
 * event and resident memory of every stack process (read from {@code /proc}), the store's file size, and the write
 * commands notify-service and article-service sent to the store per alert and per event ({@link StoreWrites}).
 *
 * <pre>./mvnw -B -q -pl local-stack -am test-compile exec:java -Dexec.skip=true -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.steppewire.localstack.bench.SystemBenchmark</pre>
 */
public final class SystemBenchmark {

    private static final String SECRET = "bench-webhook-secret-0123456789";
    /** A sender's quote waits for its answer before the next; a loaded stack answered in about 230 ms, so 4 a second per sender. */
    private static final int QUOTES_PER_SENDER_PER_SECOND = 4;
    private static final int PAGE_SENDERS = 3;

    private final StackAddresses stack;
    private final BenchHttp http;
    private final String run;
    private final String pair;
    private final double pagesPerSecond;
    private final Duration drain;
    private final Duration settle;
    /** Every alert expected so far, by the key the subscriber keeps it under, to tell a round's backlog from the next one's load. */
    private final Set<String> expectedAlerts = ConcurrentHashMap.newKeySet();
    private final SignedWebhookReceiver subscriber;
    private final TraceStages traces;

    private SystemBenchmark(StackAddresses stack, String run) throws Exception {
        this.stack = stack;
        this.http = new BenchHttp(stack.apiKey());
        this.run = run;
        this.pair = System.getProperty("bench.pair", "KZT/USD");
        this.pagesPerSecond = Double.parseDouble(System.getProperty("bench.pages-per-second", "5"));
        this.drain = Duration.ofSeconds(Long.getLong("bench.drain-seconds", 60));
        this.settle = Duration.ofSeconds(Long.getLong("bench.settle-seconds", 120));
        this.subscriber = new SignedWebhookReceiver(SECRET, SystemBenchmark::keyOfAlert);
        this.traces = new TraceStages(stack.kafka());
    }

    public static void main(String[] args) throws Exception {
        StackAddresses stack = StackAddresses.fromSystemProperties();
        int[] rates = Arrays.stream(System.getProperty("bench.rates-per-second", "20,100,200").split(",")).mapToInt(r -> Integer.parseInt(r.trim())).toArray();
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmUpSeconds = Integer.getInteger("bench.warm-up-seconds", 30);
        String run = System.getProperty("bench.run", MadeUpWords.word(Instant.now().getEpochSecond() / 60 % 100_000).toLowerCase(Locale.ROOT));
        SystemBenchmark bench = new SystemBenchmark(stack, run);
        stack.requireUp(bench.http);
        StackProcesses processes = StackProcesses.find(stack.dataDir());
        System.out.println("run '" + run + "'; stack processes " + processes.pids() + "; " + Machine.loadLine());
        bench.subscribe();
        try (KafkaFloor kafkaFloor = new KafkaFloor(stack.kafka(), run, new SignedWebhookReceiver(SECRET, body -> BenchHttp.JSON.readTree(body).path("key").asString()), SECRET);
             StoreFloor storeFloor = new StoreFloor(stack.mongo(), run)) {
            if (warmUpSeconds > 0) {
                System.out.println("warm-up: " + rates[0] + " quotes/s for " + warmUpSeconds + " s, not measured");
                bench.stackRound("warm", rates[0], warmUpSeconds, processes);
                bench.floorRound("warm", rates[0], Math.min(warmUpSeconds, 10), kafkaFloor, storeFloor, processes);
            }
            for (int rate : rates) {
                System.out.printf(Locale.ROOT, "%n== %d quotes/s and %.0f pages/s for %d s; %s%n", rate, bench.pagesPerSecond, seconds, Machine.loadLine());
                StackRound stackRound = bench.stackRound(Integer.toString(rate), rate, seconds, processes);
                FloorRound floor = bench.floorRound(Integer.toString(rate), rate, seconds, kafkaFloor, storeFloor, processes);
                bench.print(stackRound, floor);
            }
        } finally {
            bench.subscriber.close();
            bench.traces.close();
        }
        System.out.println("\nafter: " + Machine.loadLine() + "; store files " + megabytes(StackProcesses.sizeOf(stack.dataDir().resolve("mongo"))));
    }

    /** One subscriber: a signed webhook for every big move of the pair and every article naming this run's word. */
    private void subscribe() {
        ObjectNode body = BenchHttp.JSON.createObjectNode().put("name", "system benchmark " + run);
        body.putObject("channel").put("type", "webhook").put("url", subscriber.url()).put("secret", SECRET);
        // One alert per article: the benchmark's pages are near-duplicates, which would otherwise share one alert per story.
        ObjectNode rules = body.putObject("rules").put("query", runWord()).put("perStory", false);
        rules.putArray("pairs").addObject().put("pair", pair).put("thresholdPct", "1").put("direction", "either");
        http.postJson(stack.notifyUrl() + "/api/subscriptions", body.toString()).requireStatus(201, "POST /api/subscriptions");
    }

    private String runWord() {
        return "bench" + run;
    }

    /** What a delivery is kept under: {@code quote|source|asOf} for a rate alert, {@code article|id} for an article alert. */
    private static String keyOfAlert(String body) {
        JsonNode alert = BenchHttp.JSON.readTree(body);
        return switch (alert.path("kind").asString()) {
            case "rate" -> quoteKey(alert.path("rateChange").path("source").asString(),
                    Instant.parse(alert.path("rateChange").path("current").path("asOf").asString()));
            case "article" -> "article|" + alert.path("eventId").asString();
            default -> null;
        };
    }

    private static String quoteKey(String source, Instant asOf) {
        return "quote|" + source + "|" + asOf;
    }

    record StackRound(int rate, int seconds, Latencies quoteToWebhook, int quoteAlertsExpected, int quotesRefused, Latencies pageToListed,
                      Latencies pageToAlert, int articlesAccepted, int pagesRefused, double alertsPerSecond,
                      Map<String, StackProcesses.Sample> before, Map<String, StackProcesses.Sample> after, double elapsedSeconds, int events,
                      Map<String, Long> notifyWrites, Map<String, Long> articleWrites, long storeBytes, double sendingSeconds,
                      Map<String, Latencies> quoteStages) {
    }

    record FloorRound(Latencies quoteToPost, Latencies pageToConsumed, Latencies rateAlertWrites, Latencies articleWrites, double postsPerSecond,
                      double cpuPerEventMs) {
    }

    private StackRound stackRound(String name, int rate, int seconds, StackProcesses processes) throws Exception {
        settleBacklog();
        int quotes = rate * seconds;
        int senders = Math.max(2, (rate + QUOTES_PER_SENDER_PER_SECOND - 1) / QUOTES_PER_SENDER_PER_SECOND);
        Instant firstAsOf = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(2));
        Map<String, Long> quoteSent = new ConcurrentHashMap<>();
        Map<String, String> quoteTrace = new ConcurrentHashMap<>();
        AtomicInteger quotesRefused = new AtomicInteger();
        String pageSource = "bench-" + run + "-" + name;
        Map<String, Long> pageSent = new ConcurrentHashMap<>();
        Map<String, Long> listed = new ConcurrentHashMap<>();
        AtomicInteger pagesRefused = new AtomicInteger();
        Map<String, Long> notifyWritesBefore = StoreWrites.byCollection(http, stack.notifyUrl());
        Map<String, Long> articleWritesBefore = StoreWrites.byCollection(http, stack.articleUrl());
        Map<String, StackProcesses.Sample> before = processes.sample();
        long started = System.nanoTime();

        AtomicBoolean listing = new AtomicBoolean(true);
        Thread lister = Thread.ofPlatform().name("lister").start(() -> {
            for (int poll = 0; listing.get(); poll++) {
                // The newest few, as a reader watching the list sees them: at 5 pages/s a poll finds one or two new. Every
                // fiftieth poll looks further back, for any that a stall of the read path let more than that pass.
                int limit = poll % 50 == 49 ? 100 : 10;
                BenchHttp.Answer answer = http.get(stack.articleUrl() + "/api/articles?limit=" + limit + "&source=" + pageSource);
                long now = System.nanoTime();
                if (answer.status() == 200) {
                    answer.json().path("items").forEach(item -> listed.putIfAbsent(item.path("id").asString(), now));
                }
                sleepQuietly(20);
            }
        });
        Thread pages = Thread.ofPlatform().name("pages").start(() -> {
            try {
                Pacer.run("page", (int) (pagesPerSecond * seconds), pagesPerSecond, PAGE_SENDERS, (n, sender) -> {
                    long sent = System.nanoTime();
                    BenchHttp.Answer answer = http.postPage(stack.ingestUrl() + "/api/pages?source=" + pageSource, page(name, n));
                    if (answer.status() == 202) {
                        answer.json().path("articles").forEach(article -> pageSent.put(article.path("id").asString(), sent));
                    } else {
                        pagesRefused.incrementAndGet();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Pacer.run("quote", quotes, rate, senders, (n, sender) -> {
            int sequence = n / senders;
            String source = "bench-" + run + "-" + name + "-" + sender;
            Instant asOf = firstAsOf.plusSeconds(sequence);
            // 0.00200 and 0.00204 in turn: every quote moves 2 % (down: 1.96 %) from its source's previous one.
            String rateText = sequence % 2 == 0 ? "0.00200" : "0.00204";
            String body = """
                    {"quotes": [{"pair": "%s", "rate": "%s", "asOf": "%s", "source": "%s"}]}""".formatted(pair, rateText, asOf, source);
            String traceparent = TraceStages.newTraceparent();
            long sent = System.nanoTime();
            if (http.postJson(stack.ratesUrl() + "/api/quotes", body, traceparent).status() != 202) {
                quotesRefused.incrementAndGet();
            } else if (sequence > 0) {
                quoteSent.put(quoteKey(source, asOf), sent);
                quoteTrace.put(quoteKey(source, asOf), TraceStages.traceId(traceparent));
            }
        });
        double sendingSeconds = (System.nanoTime() - started) / 1e9;
        pages.join();
        int articles = pageSent.size();
        expectedAlerts.addAll(quoteSent.keySet());
        pageSent.keySet().forEach(id -> expectedAlerts.add("article|" + id));
        awaitOrGiveUp(() -> quoteSent.keySet().stream().allMatch(k -> subscriber.arrival(k) != null)
                && pageSent.keySet().stream().allMatch(id -> listed.containsKey(id) && subscriber.arrival("article|" + id) != null));
        listing.set(false);
        lister.join();
        Map<String, StackProcesses.Sample> after = processes.sample();
        long lastArrival = 0;
        List<Long> quoteLatencies = new ArrayList<>();
        for (Map.Entry<String, Long> quote : quoteSent.entrySet()) {
            Long arrived = subscriber.arrival(quote.getKey());
            if (arrived != null) {
                quoteLatencies.add(arrived - quote.getValue());
                lastArrival = Math.max(lastArrival, arrived);
            }
        }
        List<Long> toListed = new ArrayList<>();
        List<Long> toAlert = new ArrayList<>();
        pageSent.forEach((id, sent) -> {
            Long at = listed.get(id);
            if (at != null) {
                toListed.add(at - sent);
            }
            Long alerted = subscriber.arrival("article|" + id);
            if (alerted != null) {
                toAlert.add(alerted - sent);
            }
        });
        Map<String, Long> notifyWrites = StoreWrites.between(notifyWritesBefore, StoreWrites.byCollection(http, stack.notifyUrl()));
        Map<String, Long> articleWrites = StoreWrites.between(articleWritesBefore, StoreWrites.byCollection(http, stack.articleUrl()));
        double alertsPerSecond = quoteLatencies.size() / ((lastArrival - started) / 1e9);
        return new StackRound(rate, seconds, latencies(quoteLatencies), quoteSent.size(), quotesRefused.get(), latencies(toListed), latencies(toAlert),
                articles, pagesRefused.get(), alertsPerSecond, before, after, (System.nanoTime() - started) / 1e9, quotes + articles, notifyWrites, articleWrites,
                StackProcesses.sizeOf(stack.dataDir().resolve("mongo")), sendingSeconds, quoteStages(quoteSent, quoteTrace));
    }

    /**
     * Each delivered quote's path cut at the moments its trace's records became readable (committed): the POST until
     * its quote record, the rate-change stream, notify until the alert record, and the webhook delivery.
     */
    private Map<String, Latencies> quoteStages(Map<String, Long> quoteSent, Map<String, String> quoteTrace) {
        List<Long> accepted = new ArrayList<>();
        List<Long> changed = new ArrayList<>();
        List<Long> alerted = new ArrayList<>();
        List<Long> delivered = new ArrayList<>();
        quoteSent.forEach((key, sent) -> {
            String trace = quoteTrace.get(key);
            Long quote = traces.seen(TraceStages.QUOTES, trace);
            Long change = traces.seen(TraceStages.CHANGES, trace);
            Long alert = traces.seen(TraceStages.ALERTS, trace);
            Long arrived = subscriber.arrival(key);
            if (quote != null && change != null && alert != null && arrived != null) {
                accepted.add(quote - sent);
                changed.add(change - quote);
                alerted.add(alert - change);
                delivered.add(arrived - alert);
            }
        });
        Map<String, Latencies> stages = new LinkedHashMap<>();
        stages.put("POST -> quote committed (rates-service API)", latencies(accepted));
        stages.put("-> rate change committed (rates-service stream)", latencies(changed));
        stages.put("-> alert committed (notify-service matching)", latencies(alerted));
        stages.put("-> webhook received (notify-service delivery)", latencies(delivered));
        return stages;
    }

    private FloorRound floorRound(String name, int rate, int seconds, KafkaFloor kafka, StoreFloor store, StackProcesses processes) throws Exception {
        int quotes = rate * seconds;
        int pages = (int) (pagesPerSecond * seconds);
        int senders = Math.max(2, (rate + QUOTES_PER_SENDER_PER_SECOND - 1) / QUOTES_PER_SENDER_PER_SECOND);
        Map<String, Long> sent = new ConcurrentHashMap<>();
        long[] rateAlertWrites = new long[quotes];
        long[] articleWrites = new long[pages];
        StackProcesses.Sample brokerBefore = broker(processes);
        long cpuBefore = benchmarkCpuNanos();
        long started = System.nanoTime();
        List<Thread> rounds = List.of(
                Thread.ofPlatform().start(() -> paced("floor-quote", quotes, rate, senders, (n, s) -> {
                    String key = "quote-" + name + "-" + n;
                    sent.put(key, System.nanoTime());
                    kafka.send(key);
                })),
                Thread.ofPlatform().start(() -> paced("floor-page", pages, pagesPerSecond, PAGE_SENDERS, (n, s) -> {
                    String key = "page-" + name + "-" + n;
                    sent.put(key, System.nanoTime());
                    kafka.send(key);
                })),
                Thread.ofPlatform().start(() -> paced("store-alert", quotes, rate, senders, (n, s) -> {
                    long at = System.nanoTime();
                    store.writeRateAlert("floor-" + name + "-" + s, n);
                    rateAlertWrites[n] = System.nanoTime() - at;
                })),
                Thread.ofPlatform().start(() -> paced("store-article", pages, pagesPerSecond, PAGE_SENDERS, (n, s) -> {
                    long at = System.nanoTime();
                    store.writeArticle("floor-" + name + "-" + n, page(name, n), "floor");
                    articleWrites[n] = System.nanoTime() - at;
                })));
        for (Thread round : rounds) {
            round.join();
        }
        awaitOrGiveUp(() -> sent.keySet().stream().allMatch(k -> k.startsWith("quote-") ? kafka.delivered(k) != null : kafka.consumed(k) != null));
        List<Long> toPost = new ArrayList<>();
        List<Long> toConsumed = new ArrayList<>();
        long lastPost = 0;
        for (Map.Entry<String, Long> record : sent.entrySet()) {
            if (record.getKey().startsWith("quote-")) {
                Long at = kafka.delivered(record.getKey());
                if (at != null) {
                    toPost.add(at - record.getValue());
                    lastPost = Math.max(lastPost, at);
                }
            } else {
                Long at = kafka.consumed(record.getKey());
                if (at != null) {
                    toConsumed.add(at - record.getValue());
                }
            }
        }
        StackProcesses.Sample brokerAfter = broker(processes);
        double cpuSeconds = (benchmarkCpuNanos() - cpuBefore) / 1e9 + (brokerAfter.cpuSeconds() - brokerBefore.cpuSeconds());
        return new FloorRound(latencies(toPost), latencies(toConsumed), new Latencies(rateAlertWrites), new Latencies(articleWrites),
                toPost.size() / ((lastPost - started) / 1e9), cpuSeconds * 1e3 / (quotes + pages));
    }

    /** The local stack's own process (broker and store), which the floors load as well. */
    private static StackProcesses.Sample broker(StackProcesses processes) {
        return processes.sample().getOrDefault(StackProcesses.STACK, new StackProcesses.Sample(0, 0));
    }

    /** CPU time of this benchmark's JVM, where the floors' clients run. */
    private static long benchmarkCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void print(StackRound stackRound, FloorRound floor) {
        Latencies pageFloor = sumOfPercentiles(floor.pageToConsumed(), floor.articleWrites());
        if (stackRound.rate() > 0) {
            printQuotes(stackRound, floor);
        }
        System.out.printf(Locale.ROOT, "page -> article listed: %,d of %,d articles (%d pages refused), %s; page -> article alert: %,d, %s%n",
                stackRound.pageToListed().count(), stackRound.articlesAccepted(), stackRound.pagesRefused(), stackRound.pageToListed().summary(),
                stackRound.pageToAlert().count(), stackRound.pageToAlert().summary());
        System.out.printf(Locale.ROOT, "  floor (produce -> consume %s, plus an article upsert %s: at most %.1f / %.1f / %.1f ms); ratio p50 %.1f, p99 %.1f%n",
                floor.pageToConsumed().summary(), floor.articleWrites().summary(), pageFloor.percentileMillis(50), pageFloor.percentileMillis(99),
                pageFloor.maxMillis(), ratio(stackRound.pageToListed(), pageFloor, 50), ratio(stackRound.pageToListed(), pageFloor, 99));
        if (stackRound.rate() > 0) {
            System.out.printf(Locale.ROOT, "  store floor: a rate alert's three upserts %s%n", floor.rateAlertWrites().summary());
        }
        printCosts(stackRound, floor);
    }

    /** The quotes' figures of a round that sent quotes. */
    private static void printQuotes(StackRound stackRound, FloorRound floor) {
        System.out.printf(Locale.ROOT, "sent %,d quotes in %.1f s (%.1f/s: below the rate when answers took longer than the senders could wait)%n",
                stackRound.rate() * stackRound.seconds(), stackRound.sendingSeconds(), stackRound.rate() * stackRound.seconds() / stackRound.sendingSeconds());
        System.out.printf(Locale.ROOT, "quote -> signed webhook: %,d of %,d alerts (%d quotes refused), p50 / p99 / max %s, %.1f alerts/s%n",
                stackRound.quoteToWebhook().count(), stackRound.quoteAlertsExpected(), stackRound.quotesRefused(), stackRound.quoteToWebhook().summary(),
                stackRound.alertsPerSecond());
        stackRound.quoteStages().forEach((stage, times) -> System.out.printf(Locale.ROOT, "  stage %s: %s (%,d traces)%n", stage, times.summary(), times.count()));
        System.out.printf(Locale.ROOT, "  floor (bare producer -> consumer -> signed POST): %s, %.1f POSTs/s; ratio p50 %.1f, p99 %.1f, max %.1f%n",
                floor.quoteToPost().summary(), floor.postsPerSecond(), ratio(stackRound.quoteToWebhook(), floor.quoteToPost(), 50),
                ratio(stackRound.quoteToWebhook(), floor.quoteToPost(), 99), stackRound.quoteToWebhook().maxMillis() / floor.quoteToPost().maxMillis());
    }

    /** CPU, memory and store writes of a round. */
    private static void printCosts(StackRound stackRound, FloorRound floor) {
        double stackCpu = 0;
        StringBuilder perProcess = new StringBuilder();
        for (Map.Entry<String, StackProcesses.Sample> after : stackRound.after().entrySet()) {
            StackProcesses.Sample before = stackRound.before().get(after.getKey());
            double cpu = before == null ? 0 : after.getValue().cpuSeconds() - before.cpuSeconds();
            stackCpu += cpu;
            perProcess.append(String.format(Locale.ROOT, "%n  %s: %.2f ms CPU per event (%.1f cores over the round and its drain), %,d MB resident", after.getKey(),
                    cpu * 1e3 / stackRound.events(), cpu / stackRound.elapsedSeconds(), after.getValue().residentMb()));
        }
        long resident = stackRound.after().values().stream().mapToLong(StackProcesses.Sample::residentMb).sum();
        System.out.printf(Locale.ROOT, "CPU per event (quote or article): %.2f ms for the stack, %.2f ms for the floors (ratio %.1f); %,d MB resident in all%s%n",
                stackCpu * 1e3 / stackRound.events(), floor.cpuPerEventMs(), stackCpu * 1e3 / stackRound.events() / floor.cpuPerEventMs(), resident,
                perProcess);
        int alerts = stackRound.quoteToWebhook().count() + stackRound.pageToAlert().count();
        long notifyWrites = stackRound.notifyWrites().values().stream().mapToLong(Long::longValue).sum();
        long articleWrites = stackRound.articleWrites().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "store: files %s; notify-service's write commands per alert %.1f (%,d for %,d alerts: %s); "
                        + "article-service's per quote or article %.1f (%,d: %s)%n", megabytes(stackRound.storeBytes()), (double) notifyWrites / alerts,
                notifyWrites, alerts, stackRound.notifyWrites(), (double) articleWrites / stackRound.events(), articleWrites, stackRound.articleWrites());
    }

    private static double ratio(Latencies stack, Latencies floor, double percent) {
        return stack.percentileMillis(percent) / floor.percentileMillis(percent);
    }

    /** An upper bound of the floor of two hops one after the other: each percentile the sum of the two hops' percentiles. */
    private static Latencies sumOfPercentiles(Latencies first, Latencies second) {
        long[] percentiles = new long[100];
        for (int p = 1; p <= 100; p++) {
            percentiles[p - 1] = (long) ((first.percentileMillis(p) + second.percentileMillis(p)) * 1e6);
        }
        return new Latencies(percentiles);
    }

    private static Latencies latencies(List<Long> nanos) {
        return new Latencies(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    private String page(String round, int n) {
        String name = MadeUpWords.word(n);
        return """
                %s

                %s Solar Park Starts Feeding the Grid Near Samarkand

                SAMARKAND – The %s solar park, built by a consortium from the %s round, started feeding electricity to the grid.

                Engineers said the %s desk would follow the project through the year.

                %s
                """.formatted(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(java.time.LocalDate.now()),
                name, name, MadeUpWords.word(round.hashCode() & 0xfff), runWord(), MadeUpWords.namesSentence((run + round).hashCode(), n, 60));
    }

    /**
     * Before a round, waits (unmeasured) at most {@code bench.settle-seconds} for the alerts earlier rounds still owe,
     * so that a round's figures are not of the previous round's backlog; says how long it took and what is left.
     */
    private void settleBacklog() {
        long started = System.nanoTime();
        long deadline = started + settle.toNanos();
        while (missingAlerts() > 0 && System.nanoTime() < deadline) {
            sleepQuietly(100);
        }
        if (!expectedAlerts.isEmpty()) {
            System.out.printf(Locale.ROOT, "backlog of earlier rounds: %,d alerts still missing after waiting %.1f s%n", missingAlerts(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private long missingAlerts() {
        return expectedAlerts.stream().filter(key -> subscriber.arrival(key) == null).count();
    }

    /** Waits for {@code done} (checked every 100 ms) at most {@code bench.drain-seconds}; what is still missing then is counted as missing. */
    private void awaitOrGiveUp(BooleanSupplier done) {
        long deadline = System.nanoTime() + drain.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            sleepQuietly(100);
        }
    }

    private static void paced(String name, int events, double perSecond, int senders, Pacer.Event event) {
        try {
            Pacer.run(name, events, perSecond, senders, event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}

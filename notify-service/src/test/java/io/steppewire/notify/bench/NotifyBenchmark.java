package io.steppewire.notify.bench;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.EventJson;
import io.steppewire.events.Topics;
import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.alert.ArticleSummary;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.NotifyServiceApplication;
import io.steppewire.notify.delivery.DeliveryEndpoint;
import io.steppewire.notify.delivery.outbox.DeliveryOutbox;
import io.steppewire.notify.delivery.outbox.DeliveryWorker;
import io.steppewire.notify.matching.SubscriptionIndex;
import io.steppewire.notify.subscription.SubscriptionRequest;
import io.steppewire.notify.subscription.store.ManageSubscriptions;
import io.steppewire.platform.security.ApiCaller;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notify-service speed figures with 100,000 subscriptions: match time per event, webhook
 * deliveries per second to a local receiver, and the time from a rate-change event on Kafka to the
 * webhook POST at 200 changes per second. The real service runs in this JVM, beside its peers, a KRaft broker and
 * mongo-java-server (in memory), or with them in a JVM of their own ({@code -Dnotify.bench.peers=apart}).
 *
 * <pre>./mvnw -B -q -pl notify-service -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.steppewire.notify.bench.NotifyBenchmark</pre>
 *
 * Isolation (issue #12): {@code -Dnotify.bench.slow-endpoints=1 -Dnotify.bench.dead-endpoints=10
 * -Dnotify.bench.changes-per-second=50} measures the healthy receiver twice in the same run: alone, and then beside
 * subscriptions, for every measured pair, at one receiver that answers after {@code notify.bench.slow-answer} (8s) and
 * at ten ports that refuse connections; it prints the ratio of the two p99s. The sizes can be made smaller for a smoke run:
 * {@code notify.bench.subscriptions}, {@code .measured-changes}, {@code .warm-up-changes}, {@code .deliveries}. Each round
 * also prints its p99 per ten seconds, which tells a start-up transient from a steady tail.
 */
public final class NotifyBenchmark {

    private static final int SUBSCRIPTIONS = Integer.getInteger("notify.bench.subscriptions", 100_000);
    private static final int MEASURED_EVENTS = 5_000;
    private static final int DELIVERIES = Integer.getInteger("notify.bench.deliveries", 5_000);
    private static final int CHANGES_PER_SECOND = Integer.getInteger("notify.bench.changes-per-second", 200);
    private static final int MEASURED_CHANGES = Integer.getInteger("notify.bench.measured-changes", 3_000);
    /** Receivers that answer only after {@link #SLOW_ANSWER}, each subscribed to every measured pair. */
    private static final int SLOW_ENDPOINTS = Integer.getInteger("notify.bench.slow-endpoints", 0);
    /** Ports that refuse connections, each subscribed to every measured pair. */
    private static final int DEAD_ENDPOINTS = Integer.getInteger("notify.bench.dead-endpoints", 0);
    private static final Duration SLOW_ANSWER = Duration.parse("PT" + System.getProperty("notify.bench.slow-answer", "8s").toUpperCase(Locale.ROOT));
    /**
     * A minute of the measured load first: after 20 s the JIT compilers still took a fifth of a core in the
     * measured round (JFR jdk.CompilerStatistics), which a service that has run for hours no longer pays.
     */
    private static final int WARM_UP_CHANGES = Integer.getInteger("notify.bench.warm-up-changes", 12_000);

    /**
     * The broker and the store in a JVM of their own ({@code -Dnotify.bench.peers=apart}), as in production, instead of
     * in this one: their heap (the in-memory store keeps every alert of the run) then neither grows the service's
     * collections nor competes with it for the same collector.
     */
    private static final boolean PEERS_APART = "apart".equals(System.getProperty("notify.bench.peers", "in-process"));

    public static void main(String[] args) throws Exception {
        System.out.printf("notify-service benchmark, %d subscriptions, %d cores available%n", SUBSCRIPTIONS,
                Runtime.getRuntime().availableProcessors());
        if (SLOW_ENDPOINTS + DEAD_ENDPOINTS > 0) {
            System.out.printf("with %d slow endpoints (answering after %s) and %d dead ones subscribed to every measured pair%n",
                    SLOW_ENDPOINTS, SLOW_ANSWER, DEAD_ENDPOINTS);
        }
        matching();
        pipeline();
        System.exit(0);
    }

    /** On an index of its own, which is garbage once this returns, so the pipeline's heap holds only the service's. */
    private static void matching() {
        SyntheticNews news = new SyntheticNews(20260314L);
        SubscriptionIndex index = new SubscriptionIndex();
        long loadStart = System.nanoTime();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            index.apply(news.subscription(i, URI.create("https://hooks.example.org/" + i)));
        }
        System.out.printf("indexed %d subscriptions in %d ms%n", index.size(), (System.nanoTime() - loadStart) / 1_000_000);
        List<ArticleIngested> articles = java.util.stream.IntStream.range(0, MEASURED_EVENTS * 2).mapToObj(news::article).toList();
        List<RateChanged> changes = java.util.stream.IntStream.range(0, MEASURED_EVENTS * 2)
                .mapToObj(i -> news.rateChange(i, SyntheticNews.ALL_PAIRS.get(i % SyntheticNews.ALL_PAIRS.size()))).toList();
        // The first half warms the JIT up and is not counted.
        for (int i = 0; i < MEASURED_EVENTS; i++) {
            index.matchArticle(articles.get(i));
            index.matchRateChange(changes.get(i));
        }
        long[] articleNanos = new long[MEASURED_EVENTS];
        long[] changeNanos = new long[MEASURED_EVENTS];
        long[] articleMatchCounts = new long[MEASURED_EVENTS];
        long[] changeMatchCounts = new long[MEASURED_EVENTS];
        for (int i = 0; i < MEASURED_EVENTS; i++) {
            long start = System.nanoTime();
            articleMatchCounts[i] = index.matchArticle(articles.get(MEASURED_EVENTS + i)).size();
            articleNanos[i] = System.nanoTime() - start;
            start = System.nanoTime();
            changeMatchCounts[i] = index.matchRateChange(changes.get(MEASURED_EVENTS + i)).size();
            changeNanos[i] = System.nanoTime() - start;
        }
        long articleMatches = Arrays.stream(articleMatchCounts).sum();
        long changeMatches = Arrays.stream(changeMatchCounts).sum();
        System.out.printf("matches per article:     mean %.1f  p50 %d  p99 %d  max %d  none %.0f %%%n", articleMatches / (double) MEASURED_EVENTS,
                percentile(articleMatchCounts, 0.5), percentile(articleMatchCounts, 0.99), percentile(articleMatchCounts, 1.0),
                100.0 * Arrays.stream(articleMatchCounts).filter(c -> c == 0).count() / MEASURED_EVENTS);
        System.out.printf("matches per rate change: mean %.1f  p50 %d  p99 %d  max %d  none %.0f %%%n", changeMatches / (double) MEASURED_EVENTS,
                percentile(changeMatchCounts, 0.5), percentile(changeMatchCounts, 0.99), percentile(changeMatchCounts, 1.0),
                100.0 * Arrays.stream(changeMatchCounts).filter(c -> c == 0).count() / MEASURED_EVENTS);
        long[] all = new long[MEASURED_EVENTS * 2];
        System.arraycopy(articleNanos, 0, all, 0, MEASURED_EVENTS);
        System.arraycopy(changeNanos, 0, all, MEASURED_EVENTS, MEASURED_EVENTS);
        System.out.printf("match article     p50 %7.1f us  p99 %7.1f us  max %7.1f us  (%.1f matches per article)%n",
                micros(articleNanos, 0.50), micros(articleNanos, 0.99), micros(articleNanos, 1.0), articleMatches / (double) MEASURED_EVENTS);
        System.out.printf("match rate change p50 %7.1f us  p99 %7.1f us  max %7.1f us  (%.1f matches per change)%n",
                micros(changeNanos, 0.50), micros(changeNanos, 0.99), micros(changeNanos, 1.0), changeMatches / (double) MEASURED_EVENTS);
        System.out.printf("match any event   p50 %7.1f us  p99 %7.1f us%n", micros(all, 0.50), micros(all, 0.99));
    }

    private static void pipeline() throws Exception {
        BenchmarkPeers peers = PEERS_APART ? BenchmarkPeers.inOwnJvm() : BenchmarkPeers.inThisJvm();
        Receiver receiver = new Receiver();
        // Command-line arguments outrank application.yaml, so the service uses the benchmark's broker and store.
        ConfigurableApplicationContext service = new SpringApplicationBuilder(NotifyServiceApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + peers.kafkaBrokers(),
                "--spring.mongodb.uri=" + peers.mongoUri(),
                "--steppewire.outbound.allowed-networks=127.0.0.0/8",
                // A machine nobody else reaches: the published default admin key is fine here.
                "--steppewire.api.allow-default-key=true",
                "--logging.level.root=WARN",
                "--logging.level.de.bwaldvogel.mongo=ERROR");
        try {
            latency(service, peers.kafkaBrokers(), receiver);
            throughput(service, receiver);
        } finally {
            service.close();
            receiver.close();
            peers.close();
        }
    }

    /** Rate changes at a steady {@link #CHANGES_PER_SECOND}, each firing one healthy subscription (and the troubled ones, if any). */
    private static void latency(ConfigurableApplicationContext service, String brokers, Receiver receiver) throws Exception {
        SubscriptionIndex index = service.getBean(SubscriptionIndex.class);
        SyntheticNews news = new SyntheticNews(7L);
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            // The same population as above; their thresholds (0.25 % and up) stay quiet for the 0.15 % moves below.
            index.apply(news.subscription(i, URI.create("https://hooks.example.org/" + i)));
        }
        ManageSubscriptions subscriptions = service.getBean(ManageSubscriptions.class);
        Map<String, String> subscriptionOfPair = new HashMap<>();
        for (String pair : SyntheticNews.PAIRS) {
            subscriptionOfPair.put(pair, subscriptions.create(new SubscriptionRequest("Fine-grained " + pair,
                    new SubscriptionRequest.ChannelRequest("webhook", receiver.url(), "bench-secret-0123456789", null),
                    new SubscriptionRequest.RulesRequest(null, null, null, null,
                            List.of(new SubscriptionRequest.PairRuleRequest(pair, "0.1", "either")))), ApiCaller.ADMIN).id());
        }
        boolean isolation = SLOW_ENDPOINTS + DEAD_ENDPOINTS > 0;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        // Wall-clock times too, to compare with the times the service writes to the store.
        Map<String, Long> sentAtMillis = new ConcurrentHashMap<>();
        int total = WARM_UP_CHANGES + MEASURED_CHANGES * (isolation ? 2 : 1);
        List<RateChanged> changes = java.util.stream.IntStream.range(0, total)
                .mapToObj(i -> news.rateChange(1_000_000 + i, SyntheticNews.PAIRS.get(i % SyntheticNews.PAIRS.size()), 0.15, i % 2 == 0))
                .toList();
        // The load generator's and the receiver's own work stays out of the timed path: the events are serialised
        // before the clock starts, and the receiver knows each change by its webhook-id instead of parsing the alert.
        List<byte[]> serialised = changes.stream().map(c -> Topics.RATE_CHANGES.valueSerde().serialize(Topics.RATE_CHANGES.name(), c)).toList();
        changes.forEach(c -> receiver.expect(EventIds.alert(subscriptionOfPair.get(c.pair()), c.changeId()), c.changeId()));
        List<Receiver> slow = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            // A warm-up round first, worked off completely, so the measured round sees a warmed-up service (as one
            // that has run for a while is) instead of the JIT compiling the consumer, store and HTTP paths under load.
            offer(producer, changes.subList(0, WARM_UP_CHANGES), serialised.subList(0, WARM_UP_CHANGES), sentAt, sentAtMillis, receiver);
            int measuredEnd = WARM_UP_CHANGES + MEASURED_CHANGES;
            double alone = measure(isolation ? "alone" : null, service, producer, changes.subList(WARM_UP_CHANGES, measuredEnd),
                    serialised.subList(WARM_UP_CHANGES, measuredEnd), subscriptionOfPair, sentAt, sentAtMillis, receiver);
            if (isolation) {
                // The same service and load, now beside receivers that are slow or gone, each matching every measured pair.
                for (int i = 0; i < SLOW_ENDPOINTS; i++) {
                    slow.add(new Receiver(SLOW_ANSWER));
                }
                List<String> troubled = new ArrayList<>(slow.stream().map(Receiver::url).toList());
                for (int i = 0; i < DEAD_ENDPOINTS; i++) {
                    troubled.add("http://127.0.0.1:" + refusingPort() + "/hook");
                }
                for (String url : troubled) {
                    for (String pair : SyntheticNews.PAIRS) {
                        subscriptions.create(new SubscriptionRequest("Troubled " + pair,
                                new SubscriptionRequest.ChannelRequest("webhook", url, "bench-secret-0123456789", null),
                                new SubscriptionRequest.RulesRequest(null, null, null, null,
                                        List.of(new SubscriptionRequest.PairRuleRequest(pair, "0.1", "either")))), ApiCaller.ADMIN);
                    }
                }
                double beside = measure("beside " + SLOW_ENDPOINTS + " slow and " + DEAD_ENDPOINTS + " dead endpoints", service, producer,
                        changes.subList(measuredEnd, total), serialised.subList(measuredEnd, total), subscriptionOfPair, sentAt,
                        sentAtMillis, receiver);
                System.out.printf("isolation: healthy p99 beside troubled endpoints / alone = %.2f (target at most 2)%n", beside / alone);
                System.out.printf("slow receivers got %d webhooks; open circuits now %.0f (per-endpoint concurrency %s)%n",
                        slow.stream().mapToInt(Receiver::count).sum(),
                        service.getBean(MeterRegistry.class).get("steppewire.notify.delivery.open-circuits").gauge().value(),
                        service.getEnvironment().getProperty("steppewire.notify.delivery.per-endpoint-concurrency", "2"));
            }
        } finally {
            slow.forEach(Receiver::close);
        }
    }

    /** One measured round: the healthy receiver's latency figures and stages; answers its p99 in milliseconds. */
    private static double measure(@org.jspecify.annotations.Nullable String label, ConfigurableApplicationContext service,
                                  KafkaProducer<String, byte[]> producer, List<RateChanged> measured, List<byte[]> serialised,
                                  Map<String, String> subscriptionOfPair, Map<String, Long> sentAt, Map<String, Long> sentAtMillis,
                                  Receiver receiver) throws InterruptedException {
        long start = System.nanoTime();
        offer(producer, measured, serialised, sentAt, sentAtMillis, receiver);
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] latencies = latencies(measured, sentAt, receiver);
        System.out.printf("rate change -> webhook at %d/s%s: p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%d of %d measured changes delivered, %.1f s)%n",
                CHANGES_PER_SECOND, label == null ? "" : ", " + label, millis(latencies, 0.5), millis(latencies, 0.99), millis(latencies, 1.0),
                latencies.length, measured.size(), seconds);
        stages(service.getBean(MongoTemplate.class), measured, subscriptionOfPair, sentAtMillis, receiver);
        windows(measured, sentAt, receiver);
        return millis(latencies, 0.99);
    }

    /** The round in ten-second windows by send time, to tell a start-up transient from a steady tail. */
    private static void windows(List<RateChanged> measured, Map<String, Long> sentAt, Receiver receiver) {
        int perWindow = CHANGES_PER_SECOND * 10;
        StringBuilder line = new StringBuilder("  p99 per 10 s:");
        for (int from = 0; from < measured.size(); from += perWindow) {
            long[] latencies = latencies(measured.subList(from, Math.min(measured.size(), from + perWindow)), sentAt, receiver);
            line.append(String.format(" %.1f", millis(latencies, 0.99)));
        }
        System.out.println(line.append(" ms"));
    }

    /** Send to webhook, in nanoseconds, of the changes whose webhook arrived. */
    private static long[] latencies(List<RateChanged> changes, Map<String, Long> sentAt, Receiver receiver) {
        return changes.stream().filter(c -> receiver.receivedAt(c.changeId()) != null)
                .mapToLong(c -> receiver.receivedAt(c.changeId()) - sentAt.get(c.changeId())).toArray();
    }

    /**
     * Sends the changes at a steady {@link #CHANGES_PER_SECOND} and waits until the receiver has them all,
     * or a minute past the last send.
     */
    private static void offer(KafkaProducer<String, byte[]> producer, List<RateChanged> changes, List<byte[]> serialised,
                              Map<String, Long> sentAt, Map<String, Long> sentAtMillis, Receiver receiver)
            throws InterruptedException {
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        pace.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= changes.size()) {
                return;
            }
            RateChanged change = changes.get(i);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.RATE_CHANGES.name(), change.pair(), serialised.get(i));
            CloudEvent.of(Topics.RATE_CHANGES, change.changeId(), "/steppewire/bench", Instant.now(), change.pair()).writeTo(record.headers());
            sentAt.put(change.changeId(), System.nanoTime());
            sentAtMillis.put(change.changeId(), System.currentTimeMillis());
            producer.send(record);
        }, 0, 1_000_000 / CHANGES_PER_SECOND, TimeUnit.MICROSECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(changes.size() / CHANGES_PER_SECOND + 60);
        long allSentAt = 0;
        int receivedWhenAllSent = 0;
        while (received(changes, receiver) < changes.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            if (allSentAt == 0 && next.get() >= changes.size()) {
                allSentAt = System.nanoTime();
                receivedWhenAllSent = received(changes, receiver);
            }
        }
        pace.shutdownNow();
        System.out.printf("offered %d changes in %.1f s (%.0f/s); %d of their webhooks had arrived by then%n", changes.size(),
                (allSentAt - start) / 1e9, changes.size() / ((allSentAt - start) / 1e9), receivedWhenAllSent);
    }

    private static int received(List<RateChanged> changes, Receiver receiver) {
        return (int) changes.stream().filter(c -> receiver.receivedAt(c.changeId()) != null).count();
    }

    /**
     * Where the delay goes, from the times the service stored: the alert's creation (the match), the
     * delivery's creation (queued), and the receiver's clock. Millisecond resolution, one clock.
     */
    private static void stages(MongoTemplate store, List<RateChanged> measured, Map<String, String> subscriptionOfPair,
                               Map<String, Long> sentAtMillis, Receiver receiver) {
        List<long[]> stages = new ArrayList<>();
        for (RateChanged change : measured) {
            String alertId = EventIds.alert(subscriptionOfPair.get(change.pair()), change.changeId());
            Document alert = store.getCollection("alerts").find(new Document("_id", alertId)).first();
            Document delivery = store.getCollection("deliveries").find(new Document("_id", alertId)).first();
            Long receivedAt = receiver.receivedAtMillis(change.changeId());
            if (alert != null && delivery != null && receivedAt != null) {
                long matched = alert.getDate("createdAt").getTime();
                long queued = delivery.getDate("createdAt").getTime();
                stages.add(new long[] {matched - sentAtMillis.get(change.changeId()), queued - matched, receivedAt - queued});
            }
        }
        String[] names = {"sent -> matched", "matched -> queued", "queued -> received"};
        for (int stage = 0; stage < names.length; stage++) {
            int column = stage;
            long[] millis = stages.stream().mapToLong(times -> times[column]).toArray();
            System.out.printf("  stage %-19s p50 %5d ms  p99 %5d ms%n", names[stage], percentile(millis, 0.5), percentile(millis, 0.99));
        }
    }

    /** A backlog of queued alerts worked off by one instance's delivery worker. */
    private static void throughput(ConfigurableApplicationContext service, Receiver receiver) throws Exception {
        ManageSubscriptions subscriptions = service.getBean(ManageSubscriptions.class);
        DeliveryOutbox outbox = service.getBean(DeliveryOutbox.class);
        DeliveryWorker worker = service.getBean(DeliveryWorker.class);
        String subscriptionId = subscriptions.create(new SubscriptionRequest("Bulk desk",
                new SubscriptionRequest.ChannelRequest("webhook", receiver.url(), "bench-secret-0123456789", null),
                new SubscriptionRequest.RulesRequest(List.of("KZ"), null, null, null, null)), ApiCaller.ADMIN).id();
        ArticleIngested article = new SyntheticNews(11L).article(1);
        for (int round = 0; round < 2; round++) {
            int count = round == 0 ? DELIVERIES / 10 : DELIVERIES;
            worker.stop();
            int before = receiver.count();
            for (int i = 0; i < count; i++) {
                String eventId = "bulk-" + round + "-" + i;
                AlertRaised alert = new AlertRaised(EventIds.alert(subscriptionId, eventId), subscriptionId, "Bulk desk",
                        AlertRaised.KIND_ARTICLE, eventId, ArticleSummary.of(article), null, List.of(), List.of("country:KZ"), Instant.now());
                outbox.enqueue(List.of(new DeliveryOutbox.NewDelivery(alert.alertId(), subscriptionId, "webhook",
                        EventJson.mapper().writeValueAsString(alert), DeliveryEndpoint.ofUrl(URI.create(receiver.url())))), List.of(), Instant.now(), null);
            }
            long start = System.nanoTime();
            worker.start();
            while (receiver.count() < before + count && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120)) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (round == 1) {
                System.out.printf("webhook deliveries: %d in %.2f s = %.0f per second (one instance, %s concurrent)%n",
                        receiver.count() - before, seconds, (receiver.count() - before) / seconds,
                        service.getEnvironment().getProperty("steppewire.notify.delivery.concurrency"));
            }
        }
    }

    private static double micros(long[] nanos, double quantile) {
        return percentile(nanos, quantile) / 1_000.0;
    }

    private static double millis(long[] nanos, double quantile) {
        return percentile(nanos, quantile) / 1_000_000.0;
    }

    private static long percentile(long[] values, double quantile) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** A loopback port nothing listens on: connections to it are refused at once. */
    private static int refusingPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The local webhook receiver: notes when each expected alert's event arrived. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, String> eventOfAlert = new ConcurrentHashMap<>();
        private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        private final Map<String, Long> receivedAtMillis = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();

        Receiver() throws IOException {
            this(Duration.ZERO);
        }

        /** A receiver that answers each POST only after {@code answerAfter}. */
        Receiver(Duration answerAfter) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            server.createContext("/hook", exchange -> {
                long now = System.nanoTime();
                exchange.getRequestBody().readAllBytes();
                if (!answerAfter.isZero()) {
                    try {
                        Thread.sleep(answerAfter);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                String eventId = eventOfAlert.get(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")));
                if (eventId != null) {
                    receivedAt.putIfAbsent(eventId, now);
                    receivedAtMillis.putIfAbsent(eventId, System.currentTimeMillis());
                }
                count.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        /** The alert (by its webhook-id) that the given event should make. */
        void expect(String alertId, String eventId) {
            eventOfAlert.put(alertId, eventId);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int count() {
            return count.get();
        }

        Long receivedAt(String eventId) {
            return receivedAt.get(eventId);
        }

        Long receivedAtMillis(String eventId) {
            return receivedAtMillis.get(eventId);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

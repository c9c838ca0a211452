package io.steppewire.rates.bench;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.rates.change.DetectRateChange;
import io.steppewire.rates.stream.QuoteMetrics;
import io.steppewire.rates.stream.RateChangeTopology;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Not a test: drives quotes through the rate-change topology on an in-process broker with the
 * production settings (exactly-once v2, 30 ms commit interval) and prints throughput and the delay
 * from a quote being sent to its change being readable by a {@code read_committed} consumer.
 * <p>
 * One run has four phases by default: a warm-up (unpaced, {@code bench.warmupQuotes}) and a settling
 * phase (paced at {@code bench.rate} for {@code bench.settleQuotes}), so that the JIT compilers have
 * done their work for both kinds of load, as in a service that has been running for a while (in a
 * fresh JVM holding broker, Streams and clients they take a third to two thirds of a core for more
 * than a minute; neither phase is a result), a saturated phase (quotes sent as fast as possible,
 * which gives the throughput; its delay only measures the backlog) and a phase paced at
 * {@code bench.rate} (which gives the delay at that rate). The load generator's own work is kept
 * out of the timed path: quotes are serialised before the clock starts and the reader takes only the record
 * timestamp, without parsing the change. The topology still reads, compares and writes everything.
 * <p>
 * Run: {@code ./mvnw -B -q -pl rates-service -am test-compile exec:java -Dexec.mainClass=io.steppewire.rates.bench.RateChangeBenchmark}
 * <br>Options (system properties): {@code bench.quotes} per measured phase (100000), {@code bench.pairs} (20),
 * {@code bench.phases} ({@code warmup,settle,saturated,paced}), {@code bench.warmupQuotes} (200000), {@code bench.settleQuotes} (600000),
 * {@code bench.rate} quotes/s of the settling and paced phases (10000),
 * {@code bench.commitMs} (30), {@code bench.threads} stream threads (1), {@code bench.streams.<setting>}.
 */
public final class RateChangeBenchmark {

    private static final List<String> CURRENCIES = List.of("KZT", "UZS", "KGS", "TJS", "TMT", "AZN", "GEL", "AMD", "MNT", "AFN");
    private static final String STREAMS_OVERRIDE = "bench.streams.";
    private static final String WARMUP = "warmup";
    private static final String SETTLE = "settle";
    private static final String PACED = "paced";
    private static final long PACING_GRANULARITY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Instant FIRST_DAY = Instant.parse("2020-01-01T00:00:00Z");

    /** What the reader counts for one phase; the latch hands the figures to the main thread. */
    private record Phase(String name, int pacedRate, List<ProducerRecord<byte[], byte[]>> quotes, long expectedChanges,
                         Histogram delays, AtomicLong received, AtomicLong lastReceivedAt, CountDownLatch done) {

        Phase(String name, int pacedRate, List<ProducerRecord<byte[], byte[]>> quotes, long expectedChanges) {
            this(name, pacedRate, quotes, expectedChanges, new Histogram(TimeUnit.MINUTES.toMillis(10), 3),
                    new AtomicLong(), new AtomicLong(), new CountDownLatch(1));
        }
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int quoteCount = Integer.getInteger("bench.quotes", 100_000);
        int pairCount = Integer.getInteger("bench.pairs", 20);
        int warmupCount = Integer.getInteger("bench.warmupQuotes", 200_000);
        int settleCount = Integer.getInteger("bench.settleQuotes", 600_000);
        List<String> phaseNames = List.of(System.getProperty("bench.phases", String.join(",", WARMUP, SETTLE, "saturated", PACED)).split(","));
        int pacedRate = Integer.getInteger("bench.rate", 10_000);
        int commitMs = Integer.getInteger("bench.commitMs", 30);
        int threads = Integer.getInteger("bench.threads", 1);

        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 6)
                .brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1", "transaction.state.log.num.partitions", "3",
                        "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        String brokers = broker.getBrokersAsString();
        Path stateDir = Files.createTempDirectory("rates-bench-state");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(Topics.QUOTES.name(), 6, (short) 1),
                    new NewTopic(Topics.QUOTES.deadLetterName(), 6, (short) 1),
                    new NewTopic(Topics.RATE_CHANGES.name(), 6, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }

        StreamsBuilder builder = new StreamsBuilder();
        RateChangeTopology.addTo(builder, new DetectRateChange(new BigDecimal("1.0")),
                new QuoteMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), "rates-service-bench");
        Properties streamsConfig = new Properties();
        streamsConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, "rates-service-bench");
        streamsConfig.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        streamsConfig.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        streamsConfig.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMs);
        streamsConfig.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        streamsConfig.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        streamsConfig.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // As in application.yaml.
        streamsConfig.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 262_144);
        // Lets a run try any other Streams, producer or consumer setting, e.g. -Dbench.streams.producer.batch.size=131072
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith(STREAMS_OVERRIDE))
                .forEach(name -> streamsConfig.put(name.substring(STREAMS_OVERRIDE.length()), System.getProperty(name)));
        KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig);
        streams.start();
        waitUntilRunning(streams);

        // Serialised before any clock starts: the load generator's JSON work is not the system under test.
        int[] phaseSizes = phaseNames.stream().mapToInt(name -> switch (name.strip()) {
            case WARMUP -> warmupCount;
            case SETTLE -> settleCount;
            default -> quoteCount;
        }).toArray();
        List<ProducerRecord<byte[], byte[]>> quotes = serialised(quotes(IntStream.of(phaseSizes).sum(), pairCount));
        List<Phase> phases = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < phaseNames.size(); i++) {
            String name = phaseNames.get(i).strip();
            int size = phaseSizes[i];
            // Only the very first quote of each pair finds no reference; every later one moves the rate.
            long expectedChanges = i == 0 ? size - pairCount : size;
            boolean paced = PACED.equals(name) || SETTLE.equals(name);
            phases.add(new Phase(name, paced ? pacedRate : 0, quotes.subList(from, from + size), expectedChanges));
            from += size;
        }
        Thread reader = Thread.ofPlatform().name("change-reader").start(() -> readChanges(brokers, phases));

        System.out.printf("%nrates-service benchmark: %,d quotes per measured phase over %d pairs, exactly_once_v2, commit.interval.ms=%d, %d stream thread(s), %d cores%n",
                quoteCount, pairCount, commitMs, threads, Runtime.getRuntime().availableProcessors());
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig,
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Phase phase : phases) {
                run(phase, producer);
            }
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));

        streams.close(Duration.ofSeconds(30));
        broker.destroy();
        System.exit(0);
    }

    private static void run(Phase phase, KafkaProducer<byte[], byte[]> producer) throws InterruptedException {
        long streamCpuBefore = streamThreadCpuNanos();
        Map<String, Long> threadCpuBefore = cpuNanosByThreadGroup();
        long processCpuBefore = processCpuNanos();
        long started = System.nanoTime();
        long intervalNanos = phase.pacedRate() > 0 ? TimeUnit.SECONDS.toNanos(1) / phase.pacedRate() : 0;
        List<ProducerRecord<byte[], byte[]>> quotes = phase.quotes();
        for (int i = 0; i < quotes.size(); i++) {
            if (intervalNanos > 0) {
                long due = started + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // Waking once per millisecond and sending what is due keeps the generator's own CPU low; the
                    // rate stays exact and each record's timestamp is still its real send time.
                    LockSupport.parkNanos(wait + PACING_GRANULARITY_NANOS);
                }
            }
            // The record timestamp is the send time; Streams carries it onto the change, which gives the delay.
            ProducerRecord<byte[], byte[]> quote = quotes.get(i);
            producer.send(new ProducerRecord<>(quote.topic(), null, System.currentTimeMillis(), quote.key(), quote.value()));
        }
        producer.flush();
        long sentNanos = System.nanoTime() - started;
        boolean complete = phase.done().await(10, TimeUnit.MINUTES);
        double seconds = (phase.lastReceivedAt().get() - started) / 1e9;
        long streamCpu = streamThreadCpuNanos() - streamCpuBefore;
        long processCpu = processCpuNanos() - processCpuBefore;
        Map<String, Long> threadCpu = cpuNanosByThreadGroup();
        threadCpuBefore.forEach((group, nanos) -> threadCpu.merge(group, -nanos, Long::sum));
        Histogram delays = phase.delays();
        int count = quotes.size();

        boolean warmingUp = WARMUP.equals(phase.name()) || SETTLE.equals(phase.name());
        System.out.printf("%n[%s] %s%s%n", phase.name(), phase.pacedRate() > 0 ? "paced at " + phase.pacedRate() + " quotes/s" : "unpaced",
                warmingUp ? " (warming up, not a result)" : "");
        System.out.printf("  sent in %.2f s (%,.0f quotes/s offered); %,d of %,d changes read%s%n", sentNanos / 1e9,
                count / (sentNanos / 1e9), phase.received().get(), phase.expectedChanges(), complete ? "" : " (gave up waiting)");
        System.out.printf("  throughput: %,.0f quotes/s (first quote sent to last change readable)%n", count / seconds);
        System.out.printf("  delay quote -> change readable: p50 %d ms, p99 %d ms, max %d ms%n",
                delays.getValueAtPercentile(50), delays.getValueAtPercentile(99), delays.getMaxValue());
        // CPU time does not depend on how many other processes share the cores, unlike the figures above.
        System.out.printf("  CPU per quote: stream thread %.0f us, whole process (broker, producer, stream, reader) %.0f us%n",
                streamCpu / 1e3 / count, processCpu / 1e3 / count);
        long javaThreadsCpu = threadCpu.values().stream().mapToLong(Long::longValue).sum();
        threadCpu.put("JVM itself (GC, JIT compilers)", processCpu - javaThreadsCpu);
        System.out.printf("  of which (us per quote): %s%n", threadCpu.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(group -> String.format("%s %.0f", group.getKey(), group.getValue() / 1e3 / count))
                .collect(Collectors.joining(", ")));
        System.out.printf("  system load average at the end: %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Reads the changes as bytes: only the record timestamp (the quote's send time) is needed for the delay. */
    private static void readChanges(String brokers, List<Phase> phases) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "rates-bench-reader", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.RATE_CHANGES.name()));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10 * phases.size());
            int current = 0;
            while (current < phases.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    // A phase starts sending only once the one before it was read in full, so changes never mix.
                    Phase phase = phases.get(Math.min(current, phases.size() - 1));
                    phase.delays().recordValue(Math.max(0, System.currentTimeMillis() - record.timestamp()));
                    phase.lastReceivedAt().set(System.nanoTime());
                    if (phase.received().incrementAndGet() == phase.expectedChanges()) {
                        phase.done().countDown();
                        current++;
                    }
                }
            }
        }
    }

    private static List<ProducerRecord<byte[], byte[]>> serialised(List<ProducerRecord<String, RateQuoted>> quotes) {
        Serializer<String> keys = Topics.QUOTES.keySerde().serializer();
        Serializer<RateQuoted> values = Topics.QUOTES.valueSerde().serializer();
        return quotes.stream().map(quote -> new ProducerRecord<>(quote.topic(), keys.serialize(quote.topic(), quote.key()),
                values.serialize(quote.topic(), quote.value()))).toList();
    }

    /** Made-up random walks: every quote of a pair is a minute later and moves by 1 to 40 units of its last decimal. */
    private static List<ProducerRecord<String, RateQuoted>> quotes(int count, int pairs) {
        Random random = new Random(20260314);
        List<String> pairNames = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            pairNames.add(CURRENCIES.get(i % CURRENCIES.size()) + "/" + (i < CURRENCIES.size() ? "USD" : "EUR"));
        }
        long[] units = new long[pairs];
        for (int i = 0; i < pairs; i++) {
            units[i] = 50_000 + random.nextInt(50_000);
        }
        List<ProducerRecord<String, RateQuoted>> quotes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int pair = i % pairs;
            long step = 1 + random.nextInt(40);
            units[pair] += random.nextBoolean() ? step : -step;
            Instant asOf = FIRST_DAY.plus(Duration.ofMinutes(i / pairs));
            RateQuoted quote = RateQuoted.fromQuote(pairNames.get(pair), BigDecimal.valueOf(units[pair], 5), null,
                    asOf, "bench-wire", null, asOf);
            quotes.add(new ProducerRecord<>(Topics.QUOTES.name(), quote.pair(), quote));
        }
        return quotes;
    }

    private static long streamThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains("StreamThread"))
                .mapToLong(thread -> Math.max(0, threads.getThreadCpuTime(thread.threadId())))
                .sum();
    }

    /** CPU time of the live Java threads, by name with the numbers taken out (all request handlers together, say). */
    private static Map<String, Long> cpuNanosByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String group = thread.getName().replaceAll("-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "").replaceAll("\\d+", "N");
            byGroup.merge(group, Math.max(0, threads.getThreadCpuTime(thread.threadId())), Long::sum);
        }
        return byGroup;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void waitUntilRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new IllegalStateException("The topology did not start: " + streams.state());
        }
    }

    private RateChangeBenchmark() {
    }
}

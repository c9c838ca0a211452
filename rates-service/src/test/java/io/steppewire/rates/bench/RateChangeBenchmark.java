package io.steppewire.rates.bench;

import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateChanged;
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
import org.apache.kafka.common.serialization.StringDeserializer;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: drives quotes through the rate-change topology on an in-process broker with the
 * production settings (exactly-once v2, 50 ms commit interval) and prints throughput and the delay
 * from a quote being sent to its change being readable by a {@code read_committed} consumer.
 * <p>
 * Run: {@code ./mvnw -B -q -pl rates-service test-compile exec:java -Dexec.mainClass=io.steppewire.rates.bench.RateChangeBenchmark}
 * <br>Options (system properties): {@code bench.quotes} (100000), {@code bench.pairs} (20),
 * {@code bench.rate} quotes/s to pace at, 0 = as fast as possible (0), {@code bench.commitMs} (50), {@code bench.threads} stream threads (1).
 */
public final class RateChangeBenchmark {

    private static final List<String> CURRENCIES = List.of("KZT", "UZS", "KGS", "TJS", "TMT", "AZN", "GEL", "AMD", "MNT", "AFN");
    private static final String STREAMS_OVERRIDE = "bench.streams.";
    private static final Instant FIRST_DAY = Instant.parse("2020-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int quoteCount = Integer.getInteger("bench.quotes", 100_000);
        int pairCount = Integer.getInteger("bench.pairs", 20);
        int pacedRate = Integer.getInteger("bench.rate", 0);
        int commitMs = Integer.getInteger("bench.commitMs", 50);
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

        List<ProducerRecord<String, RateQuoted>> quotes = quotes(quoteCount, pairCount);
        long expectedChanges = quoteCount - pairCount;
        Histogram delays = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        AtomicLong received = new AtomicLong();
        AtomicLong lastReceivedAt = new AtomicLong();
        Thread reader = Thread.ofPlatform().name("change-reader").start(() -> readChanges(brokers, expectedChanges, delays,
                received, lastReceivedAt));

        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        long streamCpuBefore = streamThreadCpuNanos();
        long processCpuBefore = processCpuNanos();
        long started = System.nanoTime();
        try (KafkaProducer<String, RateQuoted> producer = new KafkaProducer<>(producerConfig,
                Topics.QUOTES.keySerde().serializer(), Topics.QUOTES.valueSerde().serializer())) {
            long intervalNanos = pacedRate > 0 ? TimeUnit.SECONDS.toNanos(1) / pacedRate : 0;
            for (int i = 0; i < quotes.size(); i++) {
                if (intervalNanos > 0) {
                    long due = started + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                // The record timestamp is the send time; Streams carries it onto the change, which gives the delay.
                ProducerRecord<String, RateQuoted> quote = quotes.get(i);
                producer.send(new ProducerRecord<>(quote.topic(), null, System.currentTimeMillis(), quote.key(), quote.value()));
            }
        }
        long sentNanos = System.nanoTime() - started;
        reader.join(TimeUnit.MINUTES.toMillis(10));
        double seconds = (lastReceivedAt.get() - started) / 1e9;
        long streamCpu = streamThreadCpuNanos() - streamCpuBefore;
        long processCpu = processCpuNanos() - processCpuBefore;

        System.out.printf("%nrates-service benchmark: %,d quotes over %d pairs, %s, exactly_once_v2, commit.interval.ms=%d, %d stream thread(s), %d cores%n",
                quoteCount, pairCount, pacedRate > 0 ? "paced at " + pacedRate + " quotes/s" : "unpaced",
                commitMs, threads, Runtime.getRuntime().availableProcessors());
        System.out.printf("  sent in %.2f s; %,d of %,d changes read%n", sentNanos / 1e9, received.get(), expectedChanges);
        System.out.printf("  throughput: %,.0f quotes/s (first quote sent to last change readable)%n", quoteCount / seconds);
        System.out.printf("  delay quote -> change readable: p50 %d ms, p99 %d ms, max %d ms%n",
                delays.getValueAtPercentile(50), delays.getValueAtPercentile(99), delays.getMaxValue());
        // CPU time does not depend on how many other processes share the cores, unlike the figures above.
        System.out.printf("  CPU per quote: stream thread %.0f us, whole process (broker, producer, stream, reader) %.0f us%n",
                streamCpu / 1e3 / quoteCount, processCpu / 1e3 / quoteCount);
        System.out.printf("  system load average at the end: %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        streams.close(Duration.ofSeconds(30));
        broker.destroy();
        System.exit(0);
    }

    private static void readChanges(String brokers, long expected, Histogram delays, AtomicLong received,
                                    AtomicLong lastReceivedAt) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "rates-bench-reader", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, RateChanged> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                Topics.RATE_CHANGES.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.RATE_CHANGES.name()));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (received.get() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, RateChanged> record : consumer.poll(Duration.ofMillis(100))) {
                    delays.recordValue(Math.max(0, System.currentTimeMillis() - record.timestamp()));
                    received.incrementAndGet();
                    lastReceivedAt.set(System.nanoTime());
                }
            }
        }
    }

    /** Made-up random walks: every quote of a pair is a day later and moves by 1 to 40 units of its last decimal. */
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

package io.steppewire.localstack.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where one quote's time goes, from its W3C trace: the benchmark sends each quote with a {@code traceparent} of its
 * own, the services carry that trace id on the quote, rate-change and alert records, and this reader notes when each
 * record became readable to a {@code read_committed} consumer, i.e. when its transaction committed. The stages between
 * the POST, those three moments and the webhook's arrival are the per-service parts of the whole path.
 */
final class TraceStages implements AutoCloseable {

    static final String QUOTES = "fx.quotes.v1";
    static final String CHANGES = "fx.rate-changes.v1";
    static final String ALERTS = "alerts.v1";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Map<String, Long>> seenByTopic = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reading;

    TraceStages(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = List.of(QUOTES, CHANGES, ALERTS).stream()
                .flatMap(topic -> consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
                .toList();
        // Assigned, not subscribed: no group, no rebalance, and only what is written from now on.
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reading = Thread.ofPlatform().name("trace-stages").start(this::read);
    }

    /** A fresh {@code traceparent} (version 00, sampled); its trace id is {@link #traceId(String)}. */
    static String newTraceparent() {
        byte[] ids = new byte[24];
        RANDOM.nextBytes(ids);
        String hex = HexFormat.of().formatHex(ids);
        return "00-" + hex.substring(0, 32) + "-" + hex.substring(32) + "-01";
    }

    static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    /** When ({@link System#nanoTime()}) the first record of {@code topic} in the trace became readable, or {@code null}. */
    Long seen(String topic, String traceId) {
        Map<String, Long> seen = seenByTopic.get(topic);
        return seen == null ? null : seen.get(traceId);
    }

    private void read() {
        while (running.get()) {
            var records = consumer.poll(Duration.ofMillis(50));
            long now = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                Header traceparent = record.headers().lastHeader("traceparent");
                if (traceparent != null) {
                    String value = new String(traceparent.value(), StandardCharsets.US_ASCII);
                    if (value.length() >= 35) {
                        seenByTopic.computeIfAbsent(record.topic(), t -> new ConcurrentHashMap<>()).putIfAbsent(traceId(value), now);
                    }
                }
            }
        }
        consumer.close();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reading.join();
    }
}

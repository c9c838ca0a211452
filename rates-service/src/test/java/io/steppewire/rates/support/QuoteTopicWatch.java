package io.steppewire.rates.support;

import io.steppewire.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tells what was written to {@code fx.quotes.v1} between two moments, without waiting for anything: end offsets
 * before and after, then the data records in between, committed or not (read uncommitted, so that even an aborted
 * write would show). Transaction markers move end offsets too, and those of an earlier, accepted batch may land
 * late, so offsets alone cannot tell; the records in between can.
 */
public final class QuoteTopicWatch implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;

    public QuoteTopicWatch(String brokers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // A fetch left waiting for more records holds up the next end-offset request on the same connection.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(Topics.QUOTES.name(), PATIENCE).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
    }

    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions, PATIENCE);
    }

    /** The quote records written since {@code before}, up to the end offsets of now. */
    public List<ConsumerRecord<byte[], byte[]>> writtenSince(Map<TopicPartition, Long> before) {
        Map<TopicPartition, Long> after = endOffsets();
        List<ConsumerRecord<byte[], byte[]>> written = new ArrayList<>();
        if (partitions.stream().allMatch(p -> after.get(p).equals(before.get(p)))) {
            return written;
        }
        partitions.forEach(p -> consumer.seek(p, before.get(p)));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < after.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Could not read " + Topics.QUOTES.name() + " up to " + after);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                if (record.offset() < after.get(new TopicPartition(record.topic(), record.partition()))) {
                    written.add(record);
                }
            });
        }
        return written;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

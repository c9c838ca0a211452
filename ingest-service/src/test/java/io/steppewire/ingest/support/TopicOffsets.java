package io.steppewire.ingest.support;

import io.steppewire.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * The end offsets of the topics ingest-service writes ({@code news.articles.v1}, {@code fx.quotes.v1}): a request
 * that published nothing leaves them where they were, and comparing them needs no waiting for records. Every write,
 * committed or aborted, moves them.
 */
public final class TopicOffsets implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> everything;
    private final KafkaConsumer<byte[], byte[]> committed;
    private final List<TopicPartition> partitions = new ArrayList<>();

    public TopicOffsets(String brokers) {
        everything = consumer(brokers, "read_uncommitted");
        committed = consumer(brokers, "read_committed");
        for (String topic : List.of(Topics.ARTICLES.name(), Topics.QUOTES.name())) {
            everything.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
    }

    /**
     * The end offsets once no transaction is open on the topics: Kafka writes a transaction's commit markers just
     * after the commit returns, so an earlier page's marker could otherwise move them after this snapshot.
     */
    public Map<TopicPartition, Long> settled() {
        AtomicReference<Map<TopicPartition, Long>> ends = new AtomicReference<>();
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(30)).until(() -> {
            Map<TopicPartition, Long> written = everything.endOffsets(partitions);
            ends.set(written);
            return written.equals(committed.endOffsets(partitions));
        });
        return ends.get();
    }

    /** The end offsets now, including records of transactions still open. */
    public Map<TopicPartition, Long> now() {
        return everything.endOffsets(partitions);
    }

    @Override
    public void close() {
        everything.close();
        committed.close();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String brokers, String isolation) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}

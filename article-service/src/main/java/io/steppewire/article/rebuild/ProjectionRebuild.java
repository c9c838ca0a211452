package io.steppewire.article.rebuild;

import io.steppewire.article.articles.ArticleStore;
import io.steppewire.article.projection.DecodedBatch;
import io.steppewire.article.rates.RateStore;
import io.steppewire.platform.kafka.MongoOutages;
import io.steppewire.article.store.UpsertOutcome;
import io.steppewire.events.Topic;
import io.steppewire.events.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Resets the read model and replays the three topics from their beginning up to the end offsets
 * captured at the start, through the same store writes as the live projection. It reads with
 * assigned partitions and commits nothing, so the service's own consumer group keeps its place:
 * running instances go on projecting meanwhile, and their upserts and the replay's agree.
 */
@Component
public class ProjectionRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final String GROUP = "article-service-rebuild";

    private final ConsumerFactory<String, byte[]> consumers;
    private final ArticleStore articles;
    private final RateStore rates;
    private final RebuildProperties properties;

    public ProjectionRebuild(ConsumerFactory<String, byte[]> consumers, ArticleStore articles, RateStore rates,
                             RebuildProperties properties) {
        this.consumers = consumers;
        this.articles = articles;
        this.rates = rates;
        this.properties = properties;
    }

    /**
     * @param events  events read and handed to the store
     * @param skipped records that could not be read (they are on the dead-letter topics already)
     * @param took    wall time
     */
    public record Result(long events, long skipped, Duration took) {
    }

    /** Runs the rebuild to its end, printing progress lines to {@code progress}. */
    public Result rebuild(java.util.function.Consumer<String> progress) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        long started = System.nanoTime();
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(GROUP, "rebuild", null, overrides)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<?> topic : List.of(Topics.ARTICLES, Topics.QUOTES, Topics.RATE_CHANGES)) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            progress.accept("rebuild: resetting the projection; replaying " + String.format("%,d", total) + " events from "
                    + partitions.size() + " partitions");
            articles.reset();
            rates.reset();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long events = 0;
            long skipped = 0;
            long lastReport = System.nanoTime();
            while (!reachedEnd(consumer, partitions, end)) {
                ConsumerRecords<String, byte[]> polled = consumer.poll(properties.pollTimeout());
                Map<String, List<ConsumerRecord<String, byte[]>>> perTopic = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : polled) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        perTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
                    }
                }
                for (var entry : perTopic.entrySet()) {
                    List<ConsumerRecord<String, byte[]>> records = entry.getValue();
                    skipped += switch (entry.getKey()) {
                        case String t when t.equals(Topics.ARTICLES.name()) -> replay(Topics.ARTICLES, records, articles::upsertAll);
                        case String t when t.equals(Topics.QUOTES.name()) -> replay(Topics.QUOTES, records, rates::recordQuotes);
                        default -> replay(Topics.RATE_CHANGES, records, rates::recordChanges);
                    };
                    events += records.size();
                }
                if (System.nanoTime() - lastReport >= properties.progressInterval().toNanos()) {
                    progress.accept(new RebuildProgress(passed(consumer, partitions, begin, end), total,
                            Duration.ofNanos(System.nanoTime() - started)).describe());
                    lastReport = System.nanoTime();
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            progress.accept(new RebuildProgress(passed(consumer, partitions, begin, end), total, took).describe());
            progress.accept("rebuild: done in " + took.toMillis() + " ms; " + skipped + " unreadable records skipped");
            return new Result(events, skipped, took);
        }
    }

    /**
     * Offsets read past, which is what the total counts: reading committed, the consumer never sees the markers of
     * transactions nor the records of aborted ones, so counting records would stop short of the total.
     */
    private static long passed(Consumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> begin,
                               Map<TopicPartition, Long> end) {
        long passed = 0;
        for (TopicPartition partition : partitions) {
            passed += Math.min(consumer.position(partition), end.get(partition)) - begin.get(partition);
        }
        return passed;
    }

    private static boolean reachedEnd(Consumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    /** Writes the readable records, skipping unreadable ones; returns how many were skipped. */
    private <V> long replay(Topic<V> topic, List<ConsumerRecord<String, byte[]>> records, Function<List<V>, UpsertOutcome> write) {
        long skipped = 0;
        List<ConsumerRecord<String, byte[]>> rest = records;
        while (!rest.isEmpty()) {
            DecodedBatch<V> batch = DecodedBatch.decode(topic, rest);
            writePatiently(batch.events(), write);
            if (!batch.poisoned()) {
                break;
            }
            ConsumerRecord<String, byte[]> bad = rest.get(batch.poisonIndex());
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", bad.topic(), bad.partition(), bad.offset(),
                    batch.poisonCause() == null ? "" : batch.poisonCause().getMessage());
            skipped++;
            rest = rest.subList(batch.poisonIndex() + 1, rest.size());
        }
        return skipped;
    }

    private <V> void writePatiently(List<V> events, Function<List<V>, UpsertOutcome> write) {
        if (events.isEmpty()) {
            return;
        }
        long pause = 500;
        while (true) {
            try {
                write.apply(events);
                return;
            } catch (RuntimeException e) {
                if (!MongoOutages.isOutage(e)) {
                    throw e;
                }
                LOG.warn("Read store unavailable during rebuild, retrying in {} ms: {}", pause, e.getMessage());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Rebuild interrupted while waiting for the read store", interrupted);
                }
                pause = Math.min(pause * 2, 10_000);
            }
        }
    }
}

package io.steppewire.article.rebuild;

import io.steppewire.article.articles.ArticleStore;
import io.steppewire.article.projection.DecodedBatch;
import io.steppewire.article.rates.RateStore;
import io.steppewire.article.store.Generation;
import io.steppewire.article.store.ProjectionGenerations;
import io.steppewire.article.store.UpsertOutcome;
import io.steppewire.platform.kafka.MongoOutages;
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
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a new generation of the read model beside the one readers use, switches readers to it once it is complete
 * and then drops the one it replaced:
 * <ol>
 * <li>It marks a new generation as building ({@link ProjectionGenerations#startBuilding()}); from then on every live
 * batch is written to it as well.</li>
 * <li>Only then it captures the end offsets of the three topics, and replays them from their beginning up to those
 * offsets into the new generation alone, through the same store writes as the live projection. A record before the
 * end offsets is replayed; one after them reaches a live consumer after the mark, which writes it to the new
 * generation too. So the new generation lacks nothing when the replay ends, and the writes agree whatever the
 * order (they are conditional upserts).</li>
 * <li>It makes the new generation the active one in one write; instances switch their readers within
 * {@code steppewire.store.generation-refresh}.</li>
 * <li>After {@link RebuildProperties#retireDelay()} it drops the generation it replaced.</li>
 * </ol>
 * Readers therefore see the whole old generation until the switch and the whole new one after it, never an empty or
 * half-built store. It reads with assigned partitions and commits nothing, so the service's consumer group keeps its
 * place. When it fails, or another rebuild takes over its generation, it drops what it built; readers never saw it.
 */
@Component
public class ProjectionRebuild {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final String GROUP = "article-service-rebuild";

    private final ConsumerFactory<String, byte[]> consumers;
    private final ArticleStore articles;
    private final RateStore rates;
    private final ProjectionGenerations generations;
    private final RebuildProperties properties;

    public ProjectionRebuild(ConsumerFactory<String, byte[]> consumers, ArticleStore articles, RateStore rates,
                             ProjectionGenerations generations, RebuildProperties properties) {
        this.consumers = consumers;
        this.articles = articles;
        this.rates = rates;
        this.generations = generations;
        this.properties = properties;
    }

    /**
     * @param events  events read and handed to the store
     * @param skipped records that could not be read (they are on the dead-letter topics already)
     * @param took    wall time
     */
    public record Result(long events, long skipped, Duration took) {
    }

    /** What the replay read. */
    private record Replayed(long events, long skipped) {
    }

    /** Runs the rebuild to its end, printing progress lines to {@code progress}. */
    public Result rebuild(java.util.function.Consumer<String> progress) {
        long started = System.nanoTime();
        Generation building = generations.startBuilding();
        Replayed replayed;
        Generation replaced;
        try {
            Generation active = generations.current().active();
            dropUnused(Set.of(active, building));
            articles.createIndexes(building);
            rates.createIndexes(building);
            replayed = replayInto(building, active, progress, started);
            replaced = generations.activate(building);
        } catch (RuntimeException | Error e) {
            abandon(building, e);
            throw e;
        }
        progress.accept("rebuild: readers switched from " + replaced + " to " + building);
        retire(replaced, progress);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        progress.accept("rebuild: done in " + took.toMillis() + " ms; " + replayed.skipped() + " unreadable records skipped");
        return new Result(replayed.events(), replayed.skipped(), took);
    }

    private Replayed replayInto(Generation building, Generation active, java.util.function.Consumer<String> progress, long started) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(properties.recordsPerPoll()));
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(GROUP, "rebuild", null, overrides)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<?> topic : List.of(Topics.ARTICLES, Topics.QUOTES, Topics.RATE_CHANGES)) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic.name());
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            // After the generation was marked as building: every record past these offsets is written to it live.
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            progress.accept("rebuild: building " + building + " beside " + active + ", which readers keep using meanwhile; replaying "
                    + String.format("%,d", total) + " events from " + partitions.size() + " partitions");
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
                        case String t when t.equals(Topics.ARTICLES.name()) ->
                                replay(Topics.ARTICLES, records, stories -> articles.upsertAll(building, stories));
                        case String t when t.equals(Topics.QUOTES.name()) ->
                                replay(Topics.QUOTES, records, quotes -> rates.recordQuotes(building, quotes));
                        default -> replay(Topics.RATE_CHANGES, records, changes -> rates.recordChanges(building, changes));
                    };
                    events += records.size();
                }
                if (System.nanoTime() - lastReport >= properties.progressInterval().toNanos()) {
                    generations.confirmBuilding(building);
                    progress.accept(new RebuildProgress(passed(consumer, partitions, begin, end), total,
                            Duration.ofNanos(System.nanoTime() - started)).describe());
                    lastReport = System.nanoTime();
                }
            }
            progress.accept(new RebuildProgress(passed(consumer, partitions, begin, end), total,
                    Duration.ofNanos(System.nanoTime() - started)).describe());
            return new Replayed(events, skipped);
        }
    }

    /** Drops generations left behind by a rebuild that was stopped, or by one that could not drop what it replaced. */
    private void dropUnused(Set<Generation> inUse) {
        List<String> bases = new ArrayList<>(ArticleStore.COLLECTIONS);
        bases.addAll(RateStore.COLLECTIONS);
        for (Generation unused : generations.present(bases)) {
            if (!inUse.contains(unused)) {
                LOG.info("Dropping {}, which no reader uses", unused);
                articles.drop(unused);
                rates.drop(unused);
            }
        }
    }

    /** Stops live batches from writing the generation and drops it; readers never used it. */
    private void abandon(Generation building, Throwable cause) {
        try {
            generations.abandon(building);
            articles.drop(building);
            rates.drop(building);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Waits for the queries and instances still on the replaced generation, then drops it. */
    private void retire(Generation replaced, java.util.function.Consumer<String> progress) {
        try {
            Thread.sleep(properties.retireDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.accept("rebuild: interrupted; " + replaced + " is left for the next rebuild to drop");
            return;
        }
        try {
            articles.drop(replaced);
            rates.drop(replaced);
            progress.accept("rebuild: dropped " + replaced + " after " + properties.retireDelay().toSeconds() + " s");
        } catch (RuntimeException e) {
            LOG.warn("Could not drop {}: {}", replaced, e.getMessage());
            progress.accept("rebuild: could not drop " + replaced + " (" + e.getMessage() + "); the next rebuild drops it");
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

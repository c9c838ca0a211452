package io.steppewire.ingest.pages;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.events.EventJson;
import io.steppewire.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Knows when each article was first seen. The article topic itself is the record (the sources' store
 * holds only what fetching needs): at start-up this reads {@code news.articles.v1} from the beginning of every partition
 * (assigned directly, no consumer group, committed transactions only) and then keeps tailing it, so
 * articles published by other instances are known too. Pages published here are added at once after
 * their commit. Health stays OUT_OF_SERVICE until the start-up read has caught up, so a load balancer
 * sends no page to an instance that would misdate a re-ingested article.
 */
@Component
public class FirstSeenIndex implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(FirstSeenIndex.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final KafkaProperties kafka;
    private final Duration catchUpTimeout;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Counter unreadable;
    private volatile boolean running;
    private volatile @Nullable KafkaConsumer<String, byte[]> consumer;
    private volatile @Nullable String problem;
    private @Nullable Thread tailer;

    public FirstSeenIndex(KafkaProperties kafka, IngestProperties ingest, MeterRegistry meters) {
        this.kafka = kafka;
        this.catchUpTimeout = ingest.firstSeenCatchUpTimeout();
        Gauge.builder("steppewire.ingest.first.seen.index.size", firstSeen, Map::size)
                .description("Articles whose first sighting this instance knows").register(meters);
        this.unreadable = Counter.builder("steppewire.ingest.first.seen.index.unreadable")
                .description("Article records the first-seen index could not read and skipped").register(meters);
    }

    /** When the article was first seen, if any page carried it before. */
    public Optional<Instant> firstSeen(String articleId) {
        return Optional.ofNullable(firstSeen.get(articleId));
    }

    /** Records a committed sighting; an earlier known sighting wins. */
    public void recordSighting(String articleId, Instant seenAt) {
        firstSeen.merge(articleId, seenAt, (a, b) -> a.isBefore(b) ? a : b);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    @Override
    public void start() {
        running = true;
        Thread thread = Thread.ofPlatform().daemon().name("first-seen-index").unstarted(this::tail);
        tailer = thread;
        thread.start();
        try {
            if (!caughtUp.await(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The first-seen index has not read {} to its end within {}; it keeps reading in the background"
                        + " and health stays OUT_OF_SERVICE until it has", Topics.ARTICLES.name(), catchUpTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread thread = tailer;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Health health() {
        if (isCaughtUp()) {
            return Health.up().withDetail("articles", firstSeen.size()).build();
        }
        Health.Builder builder = Health.outOfService().withDetail("reading", Topics.ARTICLES.name());
        String current = problem;
        return current == null ? builder.build() : builder.withDetail("problem", current).build();
    }

    private void tail() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafkaConsumer = newConsumer()) {
                consumer = kafkaConsumer;
                List<TopicPartition> partitions = partitions(kafkaConsumer);
                if (partitions.isEmpty()) {
                    problem = "topic " + Topics.ARTICLES.name() + " has no partitions yet";
                    continue;
                }
                kafkaConsumer.assign(partitions);
                kafkaConsumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = kafkaConsumer.endOffsets(partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : kafkaConsumer.poll(POLL)) {
                        read(record);
                    }
                    if (!isCaughtUp() && reached(kafkaConsumer, ends)) {
                        problem = null;
                        caughtUp.countDown();
                        log.info("First-seen index read {} to its end: {} articles", Topics.ARTICLES.name(),
                                firstSeen.size());
                    }
                }
            } catch (WakeupException e) {
                // stop() woke the consumer: leave the loop.
            } catch (RuntimeException e) {
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("First-seen index lost its reader, starting again: {}", problem);
                pause();
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafkaConsumer) {
        List<PartitionInfo> infos = kafkaConsumer.partitionsFor(Topics.ARTICLES.name(), Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            pause();
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static boolean reached(KafkaConsumer<String, byte[]> kafkaConsumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (kafkaConsumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            JsonNode event = EventJson.mapper().readTree(record.value());
            String articleId = event.path("articleId").asString("");
            String seen = event.path("firstSeenAt").asString("");
            if (articleId.isEmpty() || seen.isEmpty()) {
                unreadable.increment();
                return;
            }
            recordSighting(articleId, Instant.parse(seen));
        } catch (RuntimeException e) {
            unreadable.increment();
            log.debug("Skipped unreadable article record at {}-{}@{}", record.topic(), record.partition(),
                    record.offset(), e);
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-service-first-seen-index");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

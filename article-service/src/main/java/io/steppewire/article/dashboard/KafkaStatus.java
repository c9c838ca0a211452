package io.steppewire.article.dashboard;

import io.steppewire.platform.problem.ProblemException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the dashboard's Status page shows of Kafka, read with the admin client: every consumer group's lag per topic
 * (the committed-read end of each partition minus the group's committed offset) and how many records every
 * dead-letter topic ({@code <topic>.dlt}) holds. Reads only; commits and changes nothing.
 */
public final class KafkaStatus implements AutoCloseable {

    static final String DEAD_LETTER_SUFFIX = ".dlt";

    private final Map<String, Object> adminSettings;
    private final Duration timeout;
    private final Clock clock;
    private @Nullable Admin admin;

    KafkaStatus(Map<String, Object> adminSettings, Duration timeout, Clock clock) {
        Map<String, Object> settings = new HashMap<>(adminSettings);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        settings.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "article-service-status");
        this.adminSettings = Map.copyOf(settings);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** One topic's lag in one group: summed over the partitions the group has committed offsets for. */
    public record TopicLag(String topic, int partitions, long lag) {
    }

    /** A consumer group (article-service, notify-service, rates-service's stream, …) and its lag. */
    public record GroupLag(String group, String state, long lag, List<TopicLag> topics) {
    }

    /** A dead-letter topic and the records it holds (offsets from the earliest kept to the end). */
    public record DeadLetterCount(String topic, long records) {
    }

    public record View(Instant checkedAt, List<GroupLag> groups, List<DeadLetterCount> deadLetters) {
    }

    public View read() {
        try {
            Admin kafka = admin();
            List<GroupListing> listings = List.copyOf(wait(kafka.listGroups(ListGroupsOptions.forConsumerGroups()).all()));
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
            for (GroupListing listing : listings) {
                Map<TopicPartition, OffsetAndMetadata> offsets = wait(kafka.listConsumerGroupOffsets(listing.groupId())
                        .partitionsToOffsetAndMetadata());
                Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
                offsets.forEach((partition, offset) -> {
                    if (offset != null) {
                        present.put(partition, offset);
                    }
                });
                committed.put(listing.groupId(), present);
            }
            Set<String> deadLetterTopics = wait(kafka.listTopics().names()).stream()
                    .filter(name -> name.endsWith(DEAD_LETTER_SUFFIX)).collect(Collectors.toSet());
            Map<String, TopicDescription> deadLetterPartitions = deadLetterTopics.isEmpty() ? Map.of()
                    : wait(kafka.describeTopics(deadLetterTopics).allTopicNames());
            List<TopicPartition> deadLetterList = deadLetterPartitions.values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();

            List<TopicPartition> ends = new ArrayList<>(deadLetterList);
            committed.values().forEach(offsets -> ends.addAll(offsets.keySet()));
            Map<TopicPartition, Long> end = offsets(kafka, ends, OffsetSpec.latest());
            Map<TopicPartition, Long> start = offsets(kafka, deadLetterList, OffsetSpec.earliest());

            Map<String, String> states = listings.stream().collect(Collectors.toMap(GroupListing::groupId,
                    l -> l.groupState().map(Object::toString).orElse("UNKNOWN"), (a, b) -> a));
            List<GroupLag> groups = committed.entrySet().stream()
                    .map(group -> groupLag(group.getKey(), states.getOrDefault(group.getKey(), "UNKNOWN"), group.getValue(), end))
                    .toList();
            Map<String, Long> deadLetters = new TreeMap<>();
            deadLetterPartitions.keySet().forEach(topic -> deadLetters.put(topic, 0L));
            for (TopicPartition partition : deadLetterList) {
                long held = Math.max(0, end.getOrDefault(partition, 0L) - start.getOrDefault(partition, 0L));
                deadLetters.merge(partition.topic(), held, Long::sum);
            }
            return new View(clock.instant(), groups, deadLetters.entrySet().stream()
                    .map(e -> new DeadLetterCount(e.getKey(), e.getValue())).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static GroupLag groupLag(String group, String state, Map<TopicPartition, OffsetAndMetadata> offsets,
                                     Map<TopicPartition, Long> end) {
        Map<String, List<TopicPartition>> byTopic = offsets.keySet().stream()
                .collect(Collectors.groupingBy(TopicPartition::topic, TreeMap::new, Collectors.toList()));
        List<TopicLag> topics = byTopic.entrySet().stream().map(topic -> new TopicLag(topic.getKey(), topic.getValue().size(),
                topic.getValue().stream().mapToLong(p -> Math.max(0, end.getOrDefault(p, 0L) - offsets.get(p).offset())).sum()))
                .sorted(Comparator.comparing(TopicLag::topic)).toList();
        return new GroupLag(group, state, topics.stream().mapToLong(TopicLag::lag).sum(), topics);
    }

    private Map<TopicPartition, Long> offsets(Admin kafka, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        // The consumers read committed: their end is the last stable offset, not the end of open transactions.
        Map<TopicPartition, ListOffsetsResultInfo> answer = wait(kafka.listOffsets(
                partitions.stream().distinct().collect(Collectors.toMap(Function.identity(), p -> spec)),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private <T> T wait(org.apache.kafka.common.KafkaFuture<T> future)
            throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminSettings);
        }
        return admin;
    }

    private static ProblemException unavailable(Exception cause) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable",
                "The broker did not answer the status read in time (" + cause.getClass().getSimpleName()
                        + "); the consumers' lag and the dead letters cannot be shown now. Try again in a few seconds.", cause)
                .withHeader("Retry-After", "5");
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}

package io.steppewire.platform.kafka.deadletters;

import io.steppewire.events.Topic;
import io.steppewire.platform.problem.ProblemException;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the dead-letter companions of the topics a service consumes, and sends chosen dead letters back to their
 * topic: the original key, value and headers, without the failure headers, plus {@value #REDRIVEN_FROM_HEADER} naming
 * the dead letter. Consumers are idempotent by the records' ids, so a dead letter sent back twice changes nothing twice.
 */
public final class DeadLetterTopics {

    /** Set on a record sent back from a dead-letter topic: {@code <dlt>/<partition>/<offset>}. */
    public static final String REDRIVEN_FROM_HEADER = "steppewire_redriven_from";
    /** The most dead letters one request lists or sends back; larger sets go in several requests by offset range. */
    public static final int MAX_PER_REQUEST = 10_000;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Topic<?>> consumed = new HashMap<>();
    private final Map<String, Object> consumerProperties;
    private final Map<String, Object> producerProperties;

    public DeadLetterTopics(List<Topic<?>> consumedTopics, Map<String, Object> consumerProperties,
                            Map<String, Object> producerProperties) {
        consumedTopics.forEach(topic -> consumed.put(topic.name(), topic));
        this.consumerProperties = new HashMap<>(consumerProperties);
        this.consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumerProperties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.producerProperties = new HashMap<>(producerProperties);
        this.producerProperties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producerProperties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                consumedTopics.stream().mapToInt(t -> t.deadLetterStorage().maxRecordBytes()).max().orElse(1_048_576));
    }

    public List<String> topics() {
        return consumed.keySet().stream().sorted().toList();
    }

    /** Dead letters of a consumed topic, oldest first, at most {@code limit}. */
    public List<DeadLetter> list(String topicName, RedriveRequest selection, int limit) {
        Topic<?> topic = consumedTopic(topicName);
        List<DeadLetter> found = new ArrayList<>();
        read(topic, selection, Math.min(limit, MAX_PER_REQUEST), record -> found.add(view(record)));
        return found;
    }

    /** Sends the selected dead letters back to their topic and answers once Kafka has acknowledged every one. */
    public RedriveResult redrive(String topicName, RedriveRequest selection) {
        Topic<?> topic = consumedTopic(topicName);
        List<ProducerRecord<byte[], byte[]>> back = new ArrayList<>();
        int[] skipped = {0};
        read(topic, selection, MAX_PER_REQUEST, record -> {
            String origin = text(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
            if (origin != null && !origin.equals(topic.name())) {
                skipped[0]++;
                return;
            }
            Headers headers = new RecordHeaders();
            for (Header header : record.headers()) {
                if (!header.key().startsWith("kafka_dlt-") && !header.key().equals(DeadLetterPolicy.REASON_HEADER)) {
                    headers.add(header);
                }
            }
            headers.add(REDRIVEN_FROM_HEADER, (record.topic() + "/" + record.partition() + "/" + record.offset())
                    .getBytes(StandardCharsets.UTF_8));
            back.add(new ProducerRecord<>(topic.name(), null, record.key(), record.value(), headers));
        });
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties)) {
            List<Future<RecordMetadata>> sent = back.stream().map(producer::send).toList();
            producer.flush();
            for (Future<RecordMetadata> each : sent) {
                each.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable",
                    "Kafka did not acknowledge every dead letter sent back to " + topic.name() + "; some may have arrived. "
                            + "Sending them again is safe: consumers recognise records by their ids.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted", "The service is stopping; try again.", e);
        }
        return new RedriveResult(topic.name(), back.size(), skipped[0]);
    }

    private Topic<?> consumedTopic(String name) {
        Topic<?> topic = consumed.get(name);
        if (topic == null) {
            throw ProblemException.notFound("This service keeps no dead letters of a topic named '" + name
                    + "'; it keeps those of " + topics() + ".");
        }
        return topic;
    }

    private void read(Topic<?> topic, RedriveRequest selection, int limit,
                      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic.deadLetterName(), READ_TIMEOUT);
            List<TopicPartition> chosen = partitions == null ? List.of() : partitions.stream()
                    .filter(p -> selection.partition() == null || selection.partition() == p.partition())
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (chosen.isEmpty()) {
                return;
            }
            consumer.assign(chosen);
            Map<TopicPartition, Long> ends = consumer.endOffsets(chosen, READ_TIMEOUT);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(chosen, READ_TIMEOUT);
            for (TopicPartition partition : chosen) {
                long from = selection.fromOffset() == null ? starts.get(partition) : Math.max(selection.fromOffset(), starts.get(partition));
                consumer.seek(partition, Math.min(from, ends.get(partition)));
            }
            int seen = 0;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (seen < limit && !reachedEnd(consumer, chosen, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))
                            && selection.selects(record.partition(), record.offset()) && seen < limit) {
                        each.accept(record);
                        seen++;
                    }
                }
            }
        }
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }

    private static DeadLetter view(ConsumerRecord<byte[], byte[]> record) {
        Headers h = record.headers();
        return new DeadLetter(record.partition(), record.offset(),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                text(h, KafkaHeaders.DLT_ORIGINAL_TOPIC), integer(h, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                longValue(h, KafkaHeaders.DLT_ORIGINAL_OFFSET), text(h, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                text(h, DeadLetterPolicy.REASON_HEADER), text(h, KafkaHeaders.DLT_EXCEPTION_FQCN),
                Instant.ofEpochMilli(record.timestamp()), record.value() == null ? 0 : record.value().length);
    }

    private static @Nullable String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Spring Kafka writes partitions as 4-byte and offsets as 8-byte big-endian numbers. */
    private static @Nullable Integer integer(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value().length != Integer.BYTES ? null : ByteBuffer.wrap(header.value()).getInt();
    }

    private static @Nullable Long longValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value().length != Long.BYTES ? null : ByteBuffer.wrap(header.value()).getLong();
    }
}

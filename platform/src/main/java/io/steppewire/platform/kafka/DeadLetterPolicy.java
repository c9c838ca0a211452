package io.steppewire.platform.kafka;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one Kafka error-handling policy of every consumer. A failure that is an outage (see
 * {@link TransientFailures}) is retried with growing pauses for as long as it lasts: skipping the record
 * would lose it. Any other failure is retried a few times and then the record goes to
 * {@code <topic>.dlt} with Spring Kafka's {@code kafka_dlt-*} headers (original topic, partition, offset,
 * group, exception) plus {@value #REASON_HEADER} in words, and CloudEvents attributes when the original had none.
 */
public final class DeadLetterPolicy implements AutoCloseable {

    /** Why the record was dead-lettered, in words; set next to Spring Kafka's own headers. */
    public static final String REASON_HEADER = "steppewire_dlt_reason";

    private final List<Topic<?>> consumed;
    private final FailurePolicyProperties properties;
    private final List<? extends Predicate<Throwable>> outages;
    private final String source;
    /** The producers this policy made for dead letters; closed with it (a bean's close runs at shutdown). */
    private final List<DefaultKafkaProducerFactory<?, ?>> producers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param consumed   the topics whose records this policy handles
     * @param outages    the failures to wait out; {@link TransientFailures#KAFKA} is always among them
     * @param source     the CloudEvents source of this service, for dead letters of records that had none
     */
    public DeadLetterPolicy(List<Topic<?>> consumed, FailurePolicyProperties properties, List<TransientFailures> outages,
                            String source) {
        this.consumed = List.copyOf(consumed);
        this.properties = properties;
        this.outages = java.util.stream.Stream.concat(java.util.stream.Stream.of(TransientFailures.KAFKA), outages.stream()).toList();
        this.source = source;
    }

    public boolean isOutage(Throwable failure) {
        return TransientFailures.anyInChain(failure, outages);
    }

    /**
     * A template that writes dead letters of the consumed topics: values that were read are written with their
     * topic's serde, values that could not be read keep their original bytes, and requests may be as large as the
     * largest dead-letter topic allows.
     */
    public KafkaTemplate<Object, Object> deadLetterTemplate(Map<String, Object> producerProperties) {
        Map<Class<?>, Serializer<?>> serializers = new LinkedHashMap<>();
        serializers.put(byte[].class, new ByteArraySerializer());
        serializers.put(String.class, new StringSerializer());
        consumed.forEach(topic -> serializers.putIfAbsent(topic.valueType(), topic.valueSerde()));
        Map<String, Object> producer = new LinkedHashMap<>(producerProperties);
        producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producer.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                consumed.stream().mapToInt(topic -> topic.deadLetterStorage().maxRecordBytes()).max().orElse(1_048_576));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Serializer<Object> keys = (Serializer) new StringSerializer();
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(producer, keys,
                new DelegatingByTypeSerializer(serializers, true));
        producers.add(factory);
        return new KafkaTemplate<>(factory);
    }

    /** {@link #errorHandler(KafkaOperations)} that also reports outages to health while it waits them out. */
    public DefaultErrorHandler errorHandler(KafkaOperations<?, ?> deadLetters, ConsumerOutages outages) {
        DefaultErrorHandler handler = errorHandler(deadLetters);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
                if (isOutage(failure)) {
                    outages.failed(record.topic() + "-" + record.partition(), failure);
                }
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int deliveryAttempt) {
                if (isOutage(failure)) {
                    records.partitions().forEach(partition -> outages.failed(partition.toString(), failure));
                }
            }
        });
        return handler;
    }

    /** Closes the dead-letter producers this policy made. */
    @Override
    public void close() {
        producers.forEach(DefaultKafkaProducerFactory::destroy);
        producers.clear();
    }

    public DefaultErrorHandler errorHandler(KafkaOperations<?, ?> deadLetters) {
        // Partition -1 lets the producer choose, so a dead-letter topic may have fewer partitions than its source.
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, failure) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, -1));
        recoverer.setHeadersFunction(this::deadLetterHeaders);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.poisonRetryInterval().toMillis(), properties.poisonRetries()));
        handler.setBackOffFunction((record, failure) -> isOutage(failure) ? untilItIsOver() : null);
        return handler;
    }

    private BackOff untilItIsOver() {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.outageRetryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.outageRetryMaxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
    }

    Headers deadLetterHeaders(ConsumerRecord<?, ?> record, Exception failure) {
        Headers headers = new RecordHeaders();
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        headers.add(REASON_HEADER, String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
        if (CloudEvent.readFrom(record.headers()).isEmpty()) {
            consumed.stream().filter(t -> t.name().equals(record.topic())).findFirst().ifPresent(topic ->
                    CloudEvent.of(topic, record.topic() + "-" + record.partition() + "-" + record.offset(), source,
                            Instant.ofEpochMilli(record.timestamp()), record.key() == null ? null : record.key().toString())
                            .writeTo(headers));
        }
        return headers;
    }
}

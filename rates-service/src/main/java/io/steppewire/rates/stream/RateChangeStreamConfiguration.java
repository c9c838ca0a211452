package io.steppewire.rates.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.rates.change.DetectRateChange;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.rates.settings.RatesSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Runs the rate-change topology inside the application (Spring Kafka's Kafka Streams support), with
 * exactly-once processing and records that cannot be read sent to the source topic's dead-letter companion.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class RateChangeStreamConfiguration {

    /**
     * Boot's streams properties plus what cannot be written in YAML: the recoverer object for unreadable
     * records, and the settled defaults (application id, exactly-once) when the properties leave them out.
     */
    @Bean(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
    KafkaStreamsConfiguration rateChangeStreamsConfig(KafkaProperties kafka,
                                                      @Qualifier("deadLetterRecoverer") DeadLetterPublishingRecoverer recoverer) {
        Map<String, Object> config = new HashMap<>(kafka.buildStreamsProperties());
        config.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(kafka));
        config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.putAll(unreadableRecordsGoTo(recoverer));
        return new KafkaStreamsConfiguration(config);
    }

    /** The stream's application id, which is also its consumer group: from the properties, else {@code rates-service}. */
    static String applicationId(KafkaProperties kafka) {
        Object configured = kafka.buildStreamsProperties().get(StreamsConfig.APPLICATION_ID_CONFIG);
        return configured == null ? "rates-service" : configured.toString();
    }

    /**
     * A record the stream cannot read is handed to the recoverer and the stream goes on with the next one, instead of
     * the thread failing on it for ever.
     */
    static Map<String, Object> unreadableRecordsGoTo(ConsumerRecordRecoverer recoverer) {
        return Map.of(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, RecoveringDeserializationExceptionHandler.class,
                RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER, recoverer);
    }

    /**
     * A stream thread that died of an unexpected error is replaced, and its tasks resume from the last
     * commit; three failures within ten minutes stop the stream instead.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer replaceFailedStreamThreads() {
        StreamFailurePolicy policy = new StreamFailurePolicy(3, Duration.ofMinutes(10), Clock.systemUTC());
        return factoryBean -> factoryBean.setStreamsUncaughtExceptionHandler(policy);
    }

    @Bean
    QuoteMetrics quoteMetrics(MeterRegistry registry) {
        return new QuoteMetrics(registry);
    }

    @Bean
    DetectRateChange detectRateChange(RatesSettings settings) {
        return new DetectRateChange(settings.bigMoveThresholdPct());
    }

    @Bean
    KStream<String, RateQuoted> quotesByPair(StreamsBuilder builder, DetectRateChange detect, QuoteMetrics metrics,
                                             KafkaStreamsConfiguration rateChangeStreamsConfig) {
        String applicationId = rateChangeStreamsConfig.asProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        return RateChangeTopology.addTo(builder, detect, metrics, Clock.systemUTC(), applicationId);
    }

    /**
     * Records on the quote topic that cannot be read as a quote: not JSON of one, or with decimals that the
     * quote's constructor refuses (an exponent such as {@code 1E-500000000}, over 30 digits, out of bounds), so
     * they are never expanded or compared. Failing to read a record is deterministic, so there is nothing to
     * retry: they go straight to {@code fx.quotes.v1.dlt} as their original bytes, with Spring Kafka's
     * {@code kafka_dlt-*} headers and {@value DeadLetterPolicy#REASON_HEADER} saying why and where they came from,
     * and the stream goes on with the next record.
     */
    @Bean
    DeadLetterPublishingRecoverer deadLetterRecoverer(KafkaTemplate<byte[], byte[]> deadLetterTemplate, KafkaProperties kafka) {
        // Every record the stream reads is a quote (the repartition topic only carries re-keyed quotes).
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, error) -> new TopicPartition(Topics.QUOTES.deadLetterName(), -1));
        recoverer.setHeadersFunction(deadLetterHeaders(applicationId(kafka)));
        return recoverer;
    }

    /**
     * What the recoverer adds to its own headers. It names the consumer group only for a listener's failure, which
     * carries the group; the stream's deserialisation handler passes none, so the application id (the stream's
     * group) is added here, as every listener's dead letters have it.
     */
    static BiFunction<ConsumerRecord<?, ?>, Exception, Headers> deadLetterHeaders(String applicationId) {
        return (record, error) -> new RecordHeaders()
                .add(DeadLetterPolicy.REASON_HEADER, String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8))
                .add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, applicationId.getBytes(StandardCharsets.UTF_8));
    }

    @Bean
    ProducerFactory<byte[], byte[]> deadLetterProducerFactory(KafkaProperties kafka, MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // A dead letter is the original record plus headers saying why: the largest quote record must still fit.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.QUOTES.deadLetterStorage().maxRecordBytes());
        DefaultKafkaProducerFactory<byte[], byte[]> factory =
                new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        factory.addListener(new MicrometerProducerListener<>(registry));
        return factory;
    }

    @Bean
    KafkaTemplate<byte[], byte[]> deadLetterTemplate(ProducerFactory<byte[], byte[]> deadLetterProducerFactory) {
        return new KafkaTemplate<>(deadLetterProducerFactory);
    }
}

package io.steppewire.rates.stream;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.rates.support.RatesServiceTest;
import io.steppewire.events.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.support.KafkaHeaders;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Quotes in over Kafka, changes out, on the real in-process broker with exactly-once processing. */
@RatesServiceTest
class RateChangesOverKafkaTest {

    private static final Instant FRIDAY = Instant.parse("2026-02-20T00:00:00Z");
    private static final Instant SATURDAY = Instant.parse("2026-02-21T00:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Test
    void quotesPublishedByAnotherServiceBecomeOneRateChange() throws Exception {
        RateQuoted friday = som("0.01140", FRIDAY);
        RateQuoted saturday = som("0.01160", SATURDAY);

        try (KafkaProducer<String, byte[]> producer = producer();
             TopicReader<RateChanged> changes = new TopicReader<>(brokers, Topics.RATE_CHANGES.name(),
                     Topics.RATE_CHANGES.valueSerde().deserializer())) {
            for (RateQuoted quote : List.of(friday, saturday, saturday)) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.QUOTES.name(), quote.pair(),
                        Topics.QUOTES.valueSerde().serialize(Topics.QUOTES.name(), quote));
                CloudEvent.of(Topics.QUOTES, quote.quoteId(), "/steppewire/ingest-service", quote.asOf(), quote.pair())
                        .writeTo(record.headers());
                producer.send(record).get();
            }

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(changesOf(changes, "KGS/USD")).hasSize(1));
            ConsumerRecord<String, RateChanged> record = changesOf(changes, "KGS/USD").getFirst();
            assertThat(record.key()).isEqualTo("KGS/USD");
            assertThat(record.value().previous().quoteId()).isEqualTo(friday.quoteId());
            assertThat(record.value().current().quoteId()).isEqualTo(saturday.quoteId());
            assertThat(record.value().assessment().big()).isTrue();
            assertThat(CloudEvent.readFrom(record.headers()).orElseThrow().id()).isEqualTo(record.value().changeId());
        }
    }

    @Test
    void aRecordThatIsNotAQuoteGoesToTheDeadLetterTopicWithItsOriginAndCause() throws Exception {
        byte[] garbage = "<html>not a quote</html>".getBytes(StandardCharsets.UTF_8);
        long writtenAt = FRIDAY.toEpochMilli();
        try (KafkaProducer<String, byte[]> producer = producer();
             TopicReader<byte[]> deadLetters = new TopicReader<>(brokers, Topics.QUOTES.deadLetterName(),
                     new ByteArrayDeserializer())) {
            RecordMetadata original = producer.send(new ProducerRecord<>(Topics.QUOTES.name(), null, writtenAt, "AMD/USD", garbage)).get();

            ConsumerRecord<String, byte[]> dead = deadLetters.readUntil(record -> Arrays.equals(record.value(), garbage)).stream()
                    .filter(record -> Arrays.equals(record.value(), garbage)).findFirst().orElseThrow();

            assertThat(dead.key()).isEqualTo("AMD/USD");
            assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.QUOTES.name());
            assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt())
                    .isEqualTo(original.partition());
            assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
                    .isEqualTo(original.offset());
            assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP).value()).getLong())
                    .isEqualTo(writtenAt);
            assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).as("the stream's application id").isEqualTo("rates-service");
            assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(SerializationException.class.getName());
            assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("not a valid RateQuoted");
            assertThat(header(dead, DeadLetterPolicy.REASON_HEADER)).contains("not a valid RateQuoted");
        }
    }

    @Test
    void aQuoteWithAnAbsurdDecimalIsDeadLetteredAsItWasAndTheNextQuoteOfItsPairStillProducesItsChange() throws Exception {
        RateQuoted monday = lari("0.3690", FRIDAY);
        RateQuoted tuesday = lari("0.3720", SATURDAY);
        String json = new String(Topics.QUOTES.valueSerde().serialize(Topics.QUOTES.name(), tuesday), StandardCharsets.UTF_8);
        byte[] poison = json.replace("\"rate\":\"0.3720\"", "\"rate\":\"1E-500000000\"").getBytes(StandardCharsets.UTF_8);
        assertThat(poison).isNotEqualTo(json.getBytes(StandardCharsets.UTF_8));

        try (KafkaProducer<String, byte[]> producer = producer();
             TopicReader<byte[]> deadLetters = new TopicReader<>(brokers, Topics.QUOTES.deadLetterName(), new ByteArrayDeserializer());
             TopicReader<RateChanged> changes = new TopicReader<>(brokers, Topics.RATE_CHANGES.name(),
                     Topics.RATE_CHANGES.valueSerde().deserializer())) {
            // One pair, so one partition: the poison sits between the two good quotes.
            producer.send(new ProducerRecord<>(Topics.QUOTES.name(), "GEL/USD", serialized(monday))).get();
            producer.send(new ProducerRecord<>(Topics.QUOTES.name(), "GEL/USD", poison)).get();
            producer.send(new ProducerRecord<>(Topics.QUOTES.name(), "GEL/USD", serialized(tuesday))).get();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.poll())
                    .anySatisfy(dead -> {
                        assertThat(dead.value()).isEqualTo(poison);
                        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.QUOTES.name());
                        assertThat(header(dead, DeadLetterPolicy.REASON_HEADER)).contains("rate", "without exponent");
                    }));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(changesOf(changes, "GEL/USD")).singleElement()
                    .satisfies(record -> {
                        assertThat(record.value().previous().quoteId()).isEqualTo(monday.quoteId());
                        assertThat(record.value().current().quoteId()).isEqualTo(tuesday.quoteId());
                    }));
        }
    }

    private static byte[] serialized(RateQuoted quote) {
        return Topics.QUOTES.valueSerde().serialize(Topics.QUOTES.name(), quote);
    }

    private static RateQuoted lari(String rate, Instant asOf) {
        return RateQuoted.fromQuote("GEL/USD", new BigDecimal(rate), null, asOf, "tbilisi-tape", null, asOf);
    }

    private static List<ConsumerRecord<String, RateChanged>> changesOf(TopicReader<RateChanged> changes, String pair) {
        return changes.poll().stream().filter(record -> pair.equals(record.key())).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static RateQuoted som(String rate, Instant asOf) {
        return RateQuoted.fromQuote("KGS/USD", new BigDecimal(rate), null, asOf, "bishkek-courier", null, asOf);
    }
}

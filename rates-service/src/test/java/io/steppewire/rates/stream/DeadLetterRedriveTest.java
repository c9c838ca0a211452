package io.steppewire.rates.stream;

import io.steppewire.events.TopicReader;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.platform.kafka.deadletters.DeadLetterTopics;
import io.steppewire.rates.support.RatesServiceTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The quotes' dead letters go back to {@code fx.quotes.v1} through the platform's redrive, whichever way the stream
 * set them aside: the redrive sends back only dead letters whose original topic is the one asked for.
 */
@RatesServiceTest
class DeadLetterRedriveTest {

    private static final String API_KEY = "rates-test-admin-key";

    @Autowired
    private MockMvc mvc;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Test
    void aRecordThatCouldNotBeReadIsSentBackAsItWasAndSetAsideAgain() throws Exception {
        byte[] garbage = "{\"quote\": \"not one\", \"desk\": \"dushanbe\"}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = producer();
             TopicReader<byte[]> deadLetters = new TopicReader<>(brokers, Topics.QUOTES.deadLetterName(), new ByteArrayDeserializer());
             TopicReader<byte[]> quotes = new TopicReader<>(brokers, Topics.QUOTES.name(), new ByteArrayDeserializer())) {
            producer.send(new ProducerRecord<>(Topics.QUOTES.name(), "TJS/USD", garbage)).get();
            ConsumerRecord<String, byte[]> dead = first(deadLetters, record -> Arrays.equals(record.value(), garbage));

            redriveExactly(dead);

            String deadLetter = dead.topic() + "/" + dead.partition() + "/" + dead.offset();
            ConsumerRecord<String, byte[]> back = first(quotes, record -> deadLetter.equals(redrivenFrom(record)));
            assertThat(back.key()).isEqualTo("TJS/USD");
            assertThat(back.value()).isEqualTo(garbage);
            assertThat(back.headers().toArray()).extracting(Header::key)
                    .noneMatch(name -> name.startsWith("kafka_dlt-") || name.equals(DeadLetterPolicy.REASON_HEADER));
            ConsumerRecord<String, byte[]> again = first(deadLetters, record -> deadLetter.equals(redrivenFrom(record)));
            assertThat(again.value()).isEqualTo(garbage);
            assertThat(text(again, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.QUOTES.name());
        }
    }

    @Test
    void aRejectedQuoteThatCameKeyedOtherwiseIsSentBackToTheQuoteTopic() throws Exception {
        RateQuoted canonical = RateQuoted.fromQuote("KZT/USD", new BigDecimal("0.00201"), null, Instant.parse("2026-02-23T00:00:00Z"),
                "redrive-desk", null, Instant.parse("2026-02-23T00:00:00Z"));
        RateQuoted turnedRound = new RateQuoted(canonical.quoteId(), "USD/KZT", canonical.rate(), canonical.decimals(),
                canonical.rateLow(), canonical.rateHigh(), null, null, canonical.asOf(), canonical.source(), null, canonical.quotedAt());
        try (KafkaProducer<String, byte[]> producer = producer();
             TopicReader<byte[]> deadLetters = new TopicReader<>(brokers, Topics.QUOTES.deadLetterName(), new ByteArrayDeserializer());
             TopicReader<byte[]> quotes = new TopicReader<>(brokers, Topics.QUOTES.name(), new ByteArrayDeserializer())) {
            // Keyed otherwise, so it reaches the detector through the repartition topic.
            producer.send(new ProducerRecord<>(Topics.QUOTES.name(), "desk-7", serialized(turnedRound))).get();
            ConsumerRecord<String, byte[]> dead = first(deadLetters, record -> isQuote(record, turnedRound.quoteId())
                    && redrivenFrom(record) == null);
            assertThat(text(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.QUOTES.name());

            redriveExactly(dead);

            String deadLetter = dead.topic() + "/" + dead.partition() + "/" + dead.offset();
            ConsumerRecord<String, byte[]> back = first(quotes, record -> deadLetter.equals(redrivenFrom(record)));
            assertThat(back.value()).isEqualTo(dead.value());
        }
    }

    private void redriveExactly(ConsumerRecord<String, byte[]> dead) throws Exception {
        mvc.perform(post("/api/dead-letters/" + Topics.QUOTES.name() + "/redrive").header("X-Api-Key", API_KEY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partition\": %d, \"fromOffset\": %d, \"toOffset\": %d}"
                                .formatted(dead.partition(), dead.offset(), dead.offset())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.redriven").value(1))
                .andExpect(jsonPath("$.skipped").value(0));
    }

    private static ConsumerRecord<String, byte[]> first(TopicReader<byte[]> reader, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return reader.readUntil(wanted).stream().filter(wanted).findFirst().orElseThrow();
    }

    private static boolean isQuote(ConsumerRecord<String, byte[]> record, String quoteId) {
        return new String(record.value(), StandardCharsets.UTF_8).contains(quoteId);
    }

    private static String redrivenFrom(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(DeadLetterTopics.REDRIVEN_FROM_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static byte[] serialized(RateQuoted quote) {
        return Topics.QUOTES.valueSerde().serialize(Topics.QUOTES.name(), quote);
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }
}

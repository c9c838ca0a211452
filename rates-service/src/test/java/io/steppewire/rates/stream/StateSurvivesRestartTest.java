package io.steppewire.rates.stream;

import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.rates.support.RatesServiceTest;
import io.steppewire.events.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.CleanupConfig;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The last quotes live in Kafka (the store's changelog), not only on this instance's disk. */
@RatesServiceTest
class StateSurvivesRestartTest {

    private static final Instant SPRING_EQUINOX = Instant.parse("2026-03-20T00:00:00Z");
    private static final Instant NAURYZ = Instant.parse("2026-03-21T00:00:00Z");
    private static final Instant DAY_AFTER = Instant.parse("2026-03-22T00:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    private StreamsBuilderFactoryBean streams;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Test
    void aRestartWithItsLocalStateWipedStillComparesWithTheQuoteSeenBeforeIt() throws Exception {
        try (KafkaProducer<String, RateQuoted> producer = producer();
             TopicReader<RateChanged> changes = new TopicReader<>(brokers, Topics.RATE_CHANGES.name(),
                     Topics.RATE_CHANGES.valueSerde().deserializer())) {
            send(producer, tugrik("0.000281", SPRING_EQUINOX));
            send(producer, tugrik("0.000284", NAURYZ));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(changesOfTugrik(changes)).hasSize(1));

            streams.stop();
            // Wiping the local state on start leaves the changelog as the only place the last quote can come from.
            streams.setCleanupConfig(new CleanupConfig(true, false));
            try {
                streams.start();
            } finally {
                streams.setCleanupConfig(new CleanupConfig());
            }
            await().atMost(PATIENCE).until(() -> streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);

            send(producer, tugrik("0.000279", DAY_AFTER));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(changesOfTugrik(changes)).hasSize(2));
            RateChanged afterRestart = changesOfTugrik(changes).get(1);
            assertThat(afterRestart.previous().asOf()).isEqualTo(NAURYZ);
            assertThat(afterRestart.previous().rate()).isEqualByComparingTo("0.000284");
        }
    }

    private static List<RateChanged> changesOfTugrik(TopicReader<RateChanged> changes) {
        return changes.poll().stream().filter(record -> "MNT/USD".equals(record.key()))
                .map(ConsumerRecord::value).toList();
    }

    private static void send(KafkaProducer<String, RateQuoted> producer, RateQuoted quote) throws Exception {
        producer.send(new ProducerRecord<>(Topics.QUOTES.name(), quote.pair(), quote)).get();
    }

    private KafkaProducer<String, RateQuoted> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                Topics.QUOTES.keySerde().serializer(), Topics.QUOTES.valueSerde().serializer());
    }

    private static RateQuoted tugrik(String rate, Instant asOf) {
        return RateQuoted.fromQuote("MNT/USD", new BigDecimal(rate), null, asOf, "ulaanbaatar-ledger", null, asOf);
    }
}

package io.steppewire.events;

import io.steppewire.events.fx.RateQuoted;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Quotes read with the directly parsed instants are the quotes Jackson's own instant parsing reads,
 * whatever the instant's form, and instants are written as Jackson's own writing writes them.
 */
class UtcInstantsTest {

    private static final String TOPIC = Topics.QUOTES.name();

    private final Deserializer<RateQuoted> fast = Topics.QUOTES.valueSerde().deserializer();
    private final Deserializer<RateQuoted> catalogue = new EventSerde<>(EventJson.withJacksonInstants(), RateQuoted.class).deserializer();

    @Test
    void randomInstantsWithEveryFractionLengthReadAsJacksonReadsThem() {
        Random random = new Random(20260321);
        for (int i = 0; i < 2_000; i++) {
            Instant asOf = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(9)));
            RateQuoted quote = RateQuoted.fromQuote("USD/KZT", new BigDecimal("515.90"), null, asOf, "nbk", null, asOf);
            byte[] json = Topics.QUOTES.valueSerde().serialize(TOPIC, quote);

            assertThat(fast.deserialize(TOPIC, json)).as(asOf.toString()).isEqualTo(catalogue.deserialize(TOPIC, json))
                    .isEqualTo(quote);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-14T10:00:00Z", "2026-03-14T10:00:00.5Z", "2026-03-14T10:00:00.12Z", "2026-03-14T10:00:00.1234Z", "2026-03-14T10:00:00.123456789Z",
            "2024-02-29T23:59:59Z", "0001-01-01T00:00:00Z", "2026-03-14T10:00:00+05:00", "2026-03-14T10:00Z",
            "2026-03-14t10:00:00z", "2026-03-14T10:00:00.Z", "2026-03-14T10:00:00.1234567890Z", "+12026-03-14T10:00:00Z",
            "2026-02-29T10:00:00Z", "2026-13-01T00:00:00Z", "2026-03-14T24:00:00Z", "2016-12-31T23:59:60Z",
            "2026-03-14 10:00:00Z", "", "   ", "2026-03-14", "1773482400", "not an instant"})
    void everyOtherFormIsAcceptedOrRefusedAsJacksonDoes(String asOf) {
        byte[] json = quoteWithAsOf("\"" + asOf + "\"");

        assertTheSameOutcome(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1773482400", "1773482400.5", "null", "[]", "{}"})
    void nonTextInstantsAreLeftToJackson(String asOf) {
        assertTheSameOutcome(quoteWithAsOf(asOf));
    }

    @Test
    void theHandParserOnlyTakesTheCommonUtcForm() {
        assertThat(UtcInstants.parseUtc("2026-03-14T10:00:00.25Z")).isEqualTo(Instant.parse("2026-03-14T10:00:00.25Z"));
        assertThat(UtcInstants.parseUtc("2026-03-14T10:00:00+00:00")).isNull();
        assertThat(UtcInstants.parseUtc("2026-02-29T10:00:00Z")).isNull();
        assertThat(UtcInstants.parseUtc("2016-12-31T23:59:60Z")).isNull();
    }

    @Test
    void writesInstantsAsToStringDoesInEveryYearAndFractionLength() {
        Random random = new Random(20260322);
        for (int i = 0; i < 5_000; i++) {
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(-70_000_000_000L, 260_000_000_000L), nano);

            assertThat(UtcInstants.format(instant)).isEqualTo(instant.toString());
        }
        for (String edge : List.of("0000-01-01T00:00:00Z", "-0001-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.000000001Z", "2024-02-29T12:00:00.010Z")) {
            assertThat(UtcInstants.format(Instant.parse(edge))).isEqualTo(Instant.parse(edge).toString());
        }
    }

    @Test
    void eventsAreWrittenByteForByteAsJacksonsOwnInstantWritingWritesThem() {
        Serializer<RateQuoted> jacksons = new EventSerde<>(EventJson.withJacksonInstants(), RateQuoted.class).serializer();
        Random random = new Random(20260323);
        for (int i = 0; i < 500; i++) {
            Instant asOf = Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(3) * 250_000_000 + random.nextInt(2));
            RateQuoted quote = RateQuoted.fromQuote("USD/KZT", new BigDecimal("515.90"), null, asOf, "nbk", null, asOf.plusMillis(7));

            assertThat(Topics.QUOTES.valueSerde().serialize(TOPIC, quote)).isEqualTo(jacksons.serialize(TOPIC, quote));
        }
    }

    @Test
    void aTombstoneIsNoQuote() {
        assertThat(fast.deserialize(TOPIC, null)).isNull();
    }

    @Test
    void recordsThatAreNotAQuoteFailWithTheSameMessage() {
        byte[] garbage = "{\"pair\": ".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> fast.deserialize(TOPIC, garbage))
                .hasMessage(catchThrowable(() -> catalogue.deserialize(TOPIC, garbage)).getMessage());
    }

    private void assertTheSameOutcome(byte[] json) {
        Throwable expectedFailure = catchThrowable(() -> catalogue.deserialize(TOPIC, json));
        if (expectedFailure == null) {
            assertThat(fast.deserialize(TOPIC, json)).isEqualTo(catalogue.deserialize(TOPIC, json));
        } else {
            assertThatThrownBy(() -> fast.deserialize(TOPIC, json)).isInstanceOf(expectedFailure.getClass())
                    .hasMessage(expectedFailure.getMessage());
        }
    }

    private static byte[] quoteWithAsOf(String asOfJson) {
        return ("{\"quoteId\":\"0123456789abcdef0123456789abcdef\",\"pair\":\"KZT/USD\",\"rate\":\"0.00200\",\"decimals\":5,"
                + "\"rateLow\":\"0.001995\",\"rateHigh\":\"0.002005\",\"asOf\":" + asOfJson + ",\"source\":\"nbk\","
                + "\"quotedAt\":\"2026-03-14T10:00:01Z\"}").getBytes(StandardCharsets.UTF_8);
    }
}

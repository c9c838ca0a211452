package io.steppewire.rates.stream;

import io.steppewire.events.Topics;
import io.steppewire.events.fx.QuotedAs;
import io.steppewire.events.fx.RateQuoted;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored last quote comes back exactly as it went in, whichever format the changelog holds. */
class LastQuoteSerdeTest {

    private static final String CHANGELOG = "rates-service-last-quote-per-pair-and-source-changelog";
    private static final Instant NAURYZ = Instant.parse("2026-03-21T00:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2026-03-21T06:15:30.123456789Z");

    private final LastQuoteSerde serde = new LastQuoteSerde();

    @Test
    void aQuoteKeepsEveryFieldAndEveryWrittenDecimal() {
        RateQuoted quote = RateQuoted.fromQuote("KZT/USD", new BigDecimal("0.00200"), new BigDecimal("-0.46"), NAURYZ,
                "steppe-daily", "page-17", RECEIVED);

        RateQuoted stored = roundTrip(quote);

        assertThat(stored).isEqualTo(quote);
        assertThat(stored.rate().toPlainString()).isEqualTo("0.00200");
    }

    @Test
    void anInvertedQuoteKeepsWhatTheSourceWroteAndItsOutwardRoundedBounds() {
        RateQuoted quote = RateQuoted.fromQuote("USD/KZT", new BigDecimal("515.90"), new BigDecimal("0.12"), NAURYZ,
                "nbk", null, RECEIVED);

        RateQuoted stored = roundTrip(quote);

        assertThat(stored).isEqualTo(quote);
        assertThat(stored.quotedAs()).isEqualTo(new QuotedAs("USD/KZT", new BigDecimal("515.90"), 2));
        assertThat(stored.pageId()).isNull();
    }

    @Test
    void decimalsBeyondSixtyFourBitsAndNegativeScalesSurvive() {
        // 30 digits: the most a rate may have, and an unscaled value far beyond a long.
        BigDecimal huge = new BigDecimal("123456789012.123456789012345678");
        // Derived bounds may have a negative scale.
        BigDecimal roundHigh = new BigDecimal("1.3E+11");
        RateQuoted quote = new RateQuoted("id", "KZT/USD", huge, 18, huge.subtract(BigDecimal.ONE), roundHigh,
                null, new BigDecimal("1000"), NAURYZ, "s", null, RECEIVED);

        assertThat(roundTrip(quote)).isEqualTo(quote);
    }

    @Test
    @SuppressWarnings("DataFlowIssue") // a quote read from JSON may lack fields the integrity checks do not need
    void fieldsMissingFromAQuoteStayMissing() {
        RateQuoted quote = new RateQuoted("id", "KZT/USD", BigDecimal.ONE, 0, BigDecimal.ONE, BigDecimal.ONE,
                null, null, NAURYZ, "s", null, null);

        assertThat(roundTrip(quote)).isEqualTo(quote);
    }

    @Test
    void anEntryWrittenAsJsonBeforeThisFormatIsStillRead() {
        RateQuoted quote = RateQuoted.fromQuote("MNT/USD", new BigDecimal("0.000284"), null, NAURYZ, "ulaanbaatar-ledger",
                null, RECEIVED);
        byte[] json = Topics.QUOTES.valueSerde().serialize(CHANGELOG, quote);

        assertThat(serde.deserialize(CHANGELOG, json)).isEqualTo(quote);
    }

    @Test
    void theBinaryFormStartsWithItsVersionAndIsSmallerThanJson() {
        RateQuoted quote = RateQuoted.fromQuote("USD/KZT", new BigDecimal("515.90"), null, NAURYZ, "nbk", null, RECEIVED);

        byte[] binary = serde.serialize(CHANGELOG, quote);

        assertThat(binary[0]).isEqualTo(LastQuoteSerde.VERSION_1);
        assertThat(binary.length).isLessThan(Topics.QUOTES.valueSerde().serialize(CHANGELOG, quote).length);
    }

    @Test
    void anEntryOfAnUnknownLaterVersionIsRefusedRatherThanMisread() {
        byte[] later = serde.serialize(CHANGELOG, RateQuoted.fromQuote("KZT/USD", new BigDecimal("0.00200"), null, NAURYZ,
                "s", null, RECEIVED));
        later[0] = 2;

        assertThatThrownBy(() -> serde.deserialize(CHANGELOG, later))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format version 2");
    }

    @Test
    void aTruncatedEntryIsRefused() {
        byte[] entry = serde.serialize(CHANGELOG, RateQuoted.fromQuote("KZT/USD", new BigDecimal("0.00200"), null, NAURYZ,
                "s", null, RECEIVED));

        assertThatThrownBy(() -> serde.deserialize(CHANGELOG, Arrays.copyOf(entry, entry.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated or corrupt");
    }

    @Test
    void aTombstoneStaysATombstone() {
        assertThat(serde.serialize(CHANGELOG, null)).isNull();
        assertThat(serde.deserialize(CHANGELOG, null)).isNull();
    }

    private RateQuoted roundTrip(RateQuoted quote) {
        return serde.deserialize(CHANGELOG, serde.serialize(CHANGELOG, quote));
    }
}

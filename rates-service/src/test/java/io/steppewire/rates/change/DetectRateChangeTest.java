package io.steppewire.rates.change;

import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectRateChangeTest {

    private static final Instant MONDAY = Instant.parse("2026-03-09T00:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-10T00:00:00Z");

    private final DetectRateChange detect = new DetectRateChange(new BigDecimal("1.0"));

    @Test
    void aThresholdOfZeroIsRefusedBecauseEveryChangeWouldBeBig() {
        assertThatThrownBy(() -> new DetectRateChange(BigDecimal.ZERO)).hasMessageContaining("greater than zero");
    }

    @Test
    void theSameRateWithFewerWrittenDecimalsOnTheSameDayIsStillTheSameQuote() {
        ChangeDecision decision = detect.apply(tenge("0.00200", MONDAY), tenge("0.0020", MONDAY), TUESDAY);

        assertThat(decision.outcome()).isEqualTo(QuoteOutcome.DUPLICATE);
        assertThat(decision.keep()).isNull();
    }

    @Test
    void aChangeIsStampedWithTheMomentItWasDetected() {
        ChangeDecision decision = detect.apply(tenge("0.00200", MONDAY), tenge("0.00210", TUESDAY), TUESDAY.plusSeconds(90));

        assertThat(decision.outcome()).isEqualTo(QuoteOutcome.CHANGED);
        assertThat(decision.change().detectedAt()).isEqualTo(TUESDAY.plusSeconds(90));
        assertThat(decision.keep().asOf()).isEqualTo(TUESDAY);
    }

    @Test
    void aQuoteWhoseRateLiesOutsideItsBoundsIsNotUsable() {
        RateQuoted good = tenge("0.00200", MONDAY);
        RateQuoted outsideItsBounds = new RateQuoted(good.quoteId(), good.pair(), good.rate(), 5, good.rateHigh(),
                good.rateHigh().add(good.rateHigh()), null, null, MONDAY, "nbk", null, MONDAY);

        assertThat(QuoteIntegrity.problemWith(good)).isEmpty();
        assertThat(QuoteIntegrity.problemWith(outsideItsBounds)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("rate 0.00200", "within its bounds"));
    }

    @Test
    void aQuoteWithoutItsSourceIsNotUsable() {
        RateQuoted good = tenge("0.00200", MONDAY);
        RateQuoted withoutSource = new RateQuoted(good.quoteId(), good.pair(), good.rate(), 5, good.rateLow(), good.rateHigh(),
                null, null, MONDAY, " ", null, MONDAY);

        assertThat(QuoteIntegrity.problemWith(withoutSource)).hasValueSatisfying(reason -> assertThat(reason).contains("source"));
    }

    private static RateQuoted tenge(String rate, Instant asOf) {
        return RateQuoted.fromQuote("KZT/USD", new BigDecimal(rate), null, asOf, "nbk", null, asOf);
    }
}

package io.steppewire.rates.change;

import io.steppewire.events.fx.Direction;
import io.steppewire.events.fx.MoveAssessment;
import io.steppewire.events.fx.MoveBasis;
import io.steppewire.events.fx.RateChanged;
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
    void theFirstQuoteOfASourceWithoutAReportedMoveIsOnlyKept() {
        ChangeDecision decision = detect.apply(null, tenge("0.00200", MONDAY), TUESDAY);

        assertThat(decision.outcome()).isEqualTo(QuoteOutcome.FIRST);
        assertThat(decision.change()).isNull();
        assertThat(decision.keep().rate()).isEqualByComparingTo("0.00200");
    }

    @Test
    void theFirstQuoteOfASourceThatReportsAMoveIsAChangeFromTheRateItImplies() {
        RateQuoted first = somoni("0.09410", "-1.5", MONDAY);

        ChangeDecision decision = detect.apply(null, first, TUESDAY);

        assertThat(decision.outcome()).isEqualTo(QuoteOutcome.FIRST_REPORTED_MOVE);
        assertThat(decision.keep()).isEqualTo(first);
        RateChanged change = decision.change();
        assertThat(change.previous().quoteId()).startsWith(ImpliedPrevious.ID_PREFIX);
        assertThat(change.previous().rate()).isEqualByComparingTo("0.09553");
        assertThat(change.current().quoteId()).isEqualTo(first.quoteId());
        assertThat(change.reportedChangePct()).isEqualByComparingTo("-1.5");
        assertThat(change.computedChangePct().lowPct()).isEqualByComparingTo("-1.5605");
        assertThat(change.computedChangePct().highPct()).isEqualByComparingTo("-1.4395");
        assertThat(change.assessment().big()).isTrue();
        assertThat(change.assessment().basis()).isEqualTo(MoveBasis.REPORTED_AND_COMPUTED);
        assertThat(change.assessment().direction()).isEqualTo(Direction.DOWN);
    }

    @Test
    void aFirstReportedMoveOnACoarseRateIsBigOnlyByWhatItReports() {
        ChangeDecision decision = detect.apply(null, somoni("0.00008", "-0.46", MONDAY), TUESDAY);

        RateChanged change = decision.change();
        assertThat(change.assessment().big()).isFalse();
        MoveAssessment atAQuarterPercent = change.assessAt(new BigDecimal("0.25"));
        assertThat(atAQuarterPercent.big()).isTrue();
        assertThat(atAQuarterPercent.basis()).isEqualTo(MoveBasis.REPORTED);
    }

    @Test
    void aFirstQuoteReportingNoChangeOrAnImpossibleOneIsOnlyKept() {
        assertThat(detect.apply(null, somoni("0.09410", "0.00", MONDAY), TUESDAY).outcome()).isEqualTo(QuoteOutcome.FIRST);
        assertThat(detect.apply(null, somoni("0.09410", "-100", MONDAY), TUESDAY).outcome()).isEqualTo(QuoteOutcome.FIRST);
    }

    @Test
    void replayingTheFirstReportedMoveChangesNothingMore() {
        RateQuoted first = somoni("0.09410", "-1.5", MONDAY);
        RateQuoted kept = detect.apply(null, first, TUESDAY).keep();

        assertThat(detect.apply(kept, first, TUESDAY).outcome()).isEqualTo(QuoteOutcome.DUPLICATE);
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

    private static RateQuoted somoni(String rate, String reportedChangePct, Instant asOf) {
        return RateQuoted.fromQuote("TJS/USD", new BigDecimal(rate), new BigDecimal(reportedChangePct), asOf,
                "dushanbe-dispatch", null, asOf);
    }

    private static RateQuoted tenge(String rate, Instant asOf) {
        return RateQuoted.fromQuote("KZT/USD", new BigDecimal(rate), null, asOf, "nbk", null, asOf);
    }
}

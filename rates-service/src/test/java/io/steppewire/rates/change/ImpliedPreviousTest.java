package io.steppewire.rates.change;

import io.steppewire.events.fx.ChangeInterval;
import io.steppewire.events.fx.RatePoint;
import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The rate a reported change implies, and how far its rounding and the rate's own let it reach. */
class ImpliedPreviousTest {

    private static final Instant MONDAY = Instant.parse("2026-03-09T00:00:00Z");

    @Test
    void aFallImpliesAHigherPreviousRateAndTheIntervalOfTheReportedPercent() {
        RateQuoted current = somoni("0.0941000000", "-1.50");

        RateQuoted previous = ImpliedPrevious.of(current).orElseThrow();

        assertThat(previous.rate()).isEqualByComparingTo("0.0955329949");
        assertThat(previous.decimals()).isEqualTo(10);
        // -1.50 stands for -1.505 to -1.495; ten decimals of rate widen that by a hundred-millionth of a percent.
        assertThat(intervalTo(current, previous)).isEqualTo(interval("-1.5051", "-1.4949"));
    }

    @Test
    void aRiseImpliesALowerPreviousRateAndAnIntervalAboveZero() {
        RateQuoted current = somoni("0.09410", "1.5");

        RateQuoted previous = ImpliedPrevious.of(current).orElseThrow();

        assertThat(previous.rate()).isEqualByComparingTo("0.09271");
        assertThat(intervalTo(current, previous)).isEqualTo(interval("1.4392", "1.5608"));
    }

    @Test
    void fewerDecimalsOfThePercentWidenTheIntervalByTheirRounding() {
        ChangeInterval twoDecimals = intervalOf(somoni("0.0941000000", "-1.50"));
        ChangeInterval oneDecimal = intervalOf(somoni("0.0941000000", "-1.5"));
        ChangeInterval noDecimal = intervalOf(somoni("0.0941000000", "-1"));

        assertThat(oneDecimal).isEqualTo(interval("-1.5501", "-1.4499"));
        assertThat(noDecimal).isEqualTo(interval("-1.5001", "-0.4999"));
        assertThat(oneDecimal.lowPct()).isLessThan(twoDecimals.lowPct());
        assertThat(oneDecimal.highPct()).isGreaterThan(twoDecimals.highPct());
    }

    @Test
    void aCoarseRateWidensTheIntervalByItsRoundingOnEitherSide() {
        // 0.00008 stands for 0.000075 to 0.000085: a reported -0.46% cannot be told from no move, or from 12%.
        RateQuoted current = somoni("0.00008", "-0.46");

        RateQuoted previous = ImpliedPrevious.of(current).orElseThrow();

        assertThat(previous.rate()).isEqualByComparingTo("0.00008");
        assertThat(intervalTo(current, previous)).isEqualTo(interval("-12.1751", "12.8177"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-0.00"})
    void aReportedChangeOfZeroImpliesNoEarlierRate(String zero) {
        assertThat(ImpliedPrevious.of(somoni("0.09410", zero))).isEmpty();
    }

    @Test
    void aQuoteWithoutAReportedChangeImpliesNoEarlierRate() {
        assertThat(ImpliedPrevious.of(somoni("0.09410", null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-100", "-100.0", "-100.4", "-150"})
    void aFallOfAHundredPercentOrMoreImpliesNoEarlierRate(String fall) {
        assertThat(ImpliedPrevious.of(somoni("0.09410", fall))).isEmpty();
    }

    @Test
    void aFallJustShortOfAHundredPercentStillImpliesARateWithinItsRounding() {
        // -99.5 stands for -99.55 at most: the rate was at most 0.094105 / 0.0045, about 20.9.
        RateQuoted previous = ImpliedPrevious.of(somoni("0.09410", "-99.5")).orElseThrow();

        assertThat(previous.rateHigh()).isGreaterThan(new BigDecimal("20.9")).isLessThan(new BigDecimal("21"));
    }

    @Test
    void anImpliedRateBeyondTheRangeOfRatesImpliesNothing() {
        assertThat(ImpliedPrevious.of(somoni("999999999999", "-99.9999"))).isEmpty();
        assertThat(ImpliedPrevious.of(somoni("0.000000000001", "999999"))).isEmpty();
    }

    @Test
    void theImpliedQuoteIsTheSameOnEveryReplayAndNamesNoPublishedQuote() {
        RateQuoted current = somoni("0.09410", "-1.5");

        RateQuoted once = ImpliedPrevious.of(current).orElseThrow();
        RateQuoted again = ImpliedPrevious.of(current).orElseThrow();

        assertThat(once.quoteId()).isEqualTo(again.quoteId()).startsWith(ImpliedPrevious.ID_PREFIX).isNotEqualTo(current.quoteId());
        assertThat(once.asOf()).isEqualTo(current.asOf());
        assertThat(once.source()).isEqualTo(current.source());
        assertThat(once.pair()).isEqualTo(current.pair());
        assertThat(ImpliedPrevious.of(somoni("0.09410", "-1.4")).orElseThrow().quoteId()).isNotEqualTo(once.quoteId());
    }

    private static ChangeInterval intervalOf(RateQuoted current) {
        return intervalTo(current, ImpliedPrevious.of(current).orElseThrow());
    }

    private static ChangeInterval intervalTo(RateQuoted current, RateQuoted previous) {
        return ChangeInterval.between(RatePoint.of(previous), RatePoint.of(current));
    }

    private static ChangeInterval interval(String low, String high) {
        return new ChangeInterval(new BigDecimal(low), new BigDecimal(high));
    }

    private static RateQuoted somoni(String rate, String reportedChangePct) {
        return RateQuoted.fromQuote("TJS/USD", new BigDecimal(rate),
                reportedChangePct == null ? null : new BigDecimal(reportedChangePct), MONDAY, "dushanbe-dispatch", null, MONDAY);
    }
}

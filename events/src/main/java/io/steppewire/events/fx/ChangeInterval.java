package io.steppewire.events.fx;

import io.steppewire.events.SaneDecimals;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The range in which the true change of a rate lies, in percent, given the precision of both quotes:
 * from {@code newLow/oldHigh - 1} to {@code newHigh/oldLow - 1}.
 */
public record ChangeInterval(BigDecimal lowPct, BigDecimal highPct) {

    public ChangeInterval {
        SaneDecimals.derived(lowPct, "lowPct");
        SaneDecimals.derived(highPct, "highPct");
    }

    /** Decimals of the percentages; bounds round outwards. */
    public static final int SCALE = 4;

    public static ChangeInterval between(RatePoint previous, RatePoint current) {
        BigDecimal low = pct(current.rateLow(), previous.rateHigh(), RoundingMode.FLOOR);
        BigDecimal high = pct(current.rateHigh(), previous.rateLow(), RoundingMode.CEILING);
        return new ChangeInterval(low, high);
    }

    /**
     * {@code (numerator/denominator - 1) * 100} rounded once, from the exact value, to {@link #SCALE}
     * decimals: exact at any precision, and cheaper than a full-precision quotient rounded again.
     */
    static BigDecimal pct(BigDecimal numerator, BigDecimal denominator, RoundingMode rounding) {
        return numerator.subtract(denominator).movePointRight(2).divide(denominator, SCALE, rounding);
    }

    /** True when every value in the interval is at least {@code thresholdPct}. */
    public boolean whollyAtOrAbove(BigDecimal thresholdPct) {
        return lowPct.compareTo(thresholdPct) >= 0;
    }

    /** True when every value in the interval is at most {@code -thresholdPct}. */
    public boolean whollyAtOrBelow(BigDecimal negativeThresholdPct) {
        return highPct.compareTo(negativeThresholdPct) <= 0;
    }
}

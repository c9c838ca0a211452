package io.steppewire.rates.change;

import io.steppewire.events.EventIds;
import io.steppewire.events.fx.RateQuoted;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The quote that a source's own reported change says came before: a ticker that shows {@code 0.09410} and
 * {@code -1.5%} says the rate was about {@code 0.09410 / (1 - 0.015)} before. It lets the first quote seen from a
 * source count as a move, compared with the rate it reports moving from.
 * <p>
 * The implied rate is as uncertain as both figures it comes from: the reported percent stands for any value within
 * half a unit of its last decimal ({@code -1.5} for -1.55 to -1.45) and the rate for any value within its bounds. The
 * implied previous quote's bounds take the extremes of both, rounded outwards:
 * {@code [rateLow / (1 + pctHigh/100), rateHigh / (1 + pctLow/100)]}. The change interval between it and the quote
 * then spans the reported percent's rounding widened by the rate's rounding on either side, so the precision-aware
 * rule still holds: a reported move on a coarse rate has an interval reaching far, and is big only by what it
 * reports, never by a computed interval its decimals cannot carry.
 * <p>
 * The implied quote has the current quote's as-of (when it held is not known), decimals and source, and an id
 * {@value #ID_PREFIX}{@code <32 hex digits>} derived from the current quote's id and the reported percent: it names
 * no quote that was ever published, and replaying the current quote implies the very same one.
 */
public final class ImpliedPrevious {

    /** Starts the id of every implied quote, so that no reader takes it for a quote it could look up. */
    public static final String ID_PREFIX = "implied-";

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    /** Digits of the implied bounds: far more than any published rate has, so the outward rounding costs nothing. */
    private static final int BOUND_DIGITS = 20;

    /**
     * The quote the reported change implies, or empty when the quote reports no change (none, or zero) or one that no
     * positive rate can precede within the bounds every quote keeps (a fall of 100% or more, an implied rate out of
     * range).
     */
    public static Optional<RateQuoted> of(RateQuoted current) {
        BigDecimal pct = current.reportedChangePct();
        if (pct == null || pct.signum() == 0) {
            return Optional.empty();
        }
        BigDecimal halfUnit = BigDecimal.ONE.movePointLeft(Math.max(pct.scale(), 0)).divide(TWO);
        BigDecimal factor = growthFactor(pct);
        BigDecimal factorLow = growthFactor(pct.subtract(halfUnit));
        BigDecimal factorHigh = growthFactor(pct.add(halfUnit));
        if (factorLow.signum() <= 0) {
            return Optional.empty();
        }
        int decimals = Math.max(current.rate().scale(), 0);
        BigDecimal rate = current.rate().divide(factor, decimals, RoundingMode.HALF_EVEN);
        BigDecimal low = plain(current.rateLow().divide(factorHigh, new MathContext(BOUND_DIGITS, RoundingMode.FLOOR)));
        BigDecimal high = plain(current.rateHigh().divide(factorLow, new MathContext(BOUND_DIGITS, RoundingMode.CEILING)));
        String quoteId = ID_PREFIX + EventIds.of("implied-previous", current.quoteId(), pct.toPlainString());
        try {
            return Optional.of(new RateQuoted(quoteId, current.pair(), rate, decimals, low, high, null, null,
                    current.asOf(), current.source(), null, current.quotedAt()));
        } catch (IllegalArgumentException e) {
            // The implied rate rounds to nothing or lies beyond the bounds of a rate: no quote can have come before.
            return Optional.empty();
        }
    }

    /** {@code 1 + pct/100}: what the earlier rate was multiplied by. */
    private static BigDecimal growthFactor(BigDecimal pct) {
        return BigDecimal.ONE.add(pct.movePointLeft(2));
    }

    /** A quotient such as {@code 2E+2} in its plain form {@code 200}, the only form events carry. */
    private static BigDecimal plain(BigDecimal value) {
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private ImpliedPrevious() {
    }
}

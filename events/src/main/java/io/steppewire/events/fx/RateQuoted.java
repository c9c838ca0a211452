package io.steppewire.events.fx;

import io.steppewire.events.SaneDecimals;

import io.steppewire.events.EventIds;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * A source quoted a rate. Always in the canonical direction of the pair; a quote given the other way
 * round keeps its original in {@link #quotedAs()}. A quote given to d decimals stands for any true
 * value within half a unit of its last decimal: {@link #rateLow()} and {@link #rateHigh()} bound it.
 *
 * @param quoteId           deterministic: pair, source, as-of and rate
 * @param pair              canonical {@code BASE/QUOTE}
 * @param rate              price of one BASE in QUOTE
 * @param decimals          decimals of {@link #rate()} as published
 * @param rateLow           the lowest true value the quote allows
 * @param rateHigh          the highest true value the quote allows
 * @param quotedAs          the quote as given, when it was inverted; absent otherwise
 * @param reportedChangePct the source's own daily change in percent, in the canonical direction
 * @param asOf              the moment the rate holds for (a quoted date is its start, UTC)
 * @param source            the site or system that quoted it
 * @param pageId            the page it was read from, when it came from a page
 * @param quotedAt          when steppewire received it
 */
public record RateQuoted(
        String quoteId,
        String pair,
        BigDecimal rate,
        int decimals,
        BigDecimal rateLow,
        BigDecimal rateHigh,
        @Nullable QuotedAs quotedAs,
        @Nullable BigDecimal reportedChangePct,
        Instant asOf,
        String source,
        @Nullable String pageId,
        Instant quotedAt) {

    /** Refuses values whose arithmetic would cost unbounded time: a malformed record is poison, not parsed further. */
    public RateQuoted {
        Objects.requireNonNull(rate, "rate is required");
        Objects.requireNonNull(rateLow, "rateLow is required");
        Objects.requireNonNull(rateHigh, "rateHigh is required");
        SaneDecimals.rate(rate, "rate");
        SaneDecimals.derived(rateLow, "rateLow");
        SaneDecimals.derived(rateHigh, "rateHigh");
        if (reportedChangePct != null) {
            SaneDecimals.percent(reportedChangePct, "reportedChangePct");
        }
    }

    /** Significant digits kept when a quote is inverted. */
    private static final int INVERSE_DIGITS = 10;

    /**
     * Makes the canonical quote from a rate as quoted. {@code rate} keeps its scale: {@code 0.00200}
     * is a five-decimal quote.
     *
     * @throws IllegalArgumentException for a rate that is not positive or a pair that does not parse
     */
    public static RateQuoted fromQuote(String pairAsQuoted, BigDecimal rate, @Nullable BigDecimal reportedChangePct,
                                       Instant asOf, String source, @Nullable String pageId, Instant quotedAt) {
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("A rate must be greater than zero, got " + rate.toPlainString());
        }
        CurrencyPair quoted = CurrencyPair.parse(pairAsQuoted);
        int decimals = Math.max(rate.scale(), 0);
        BigDecimal half = BigDecimal.ONE.movePointLeft(decimals).divide(BigDecimal.TWO);
        BigDecimal low = rate.subtract(half);
        BigDecimal high = rate.add(half);
        CurrencyPair pair = quoted.canonical();
        String quoteId = EventIds.of("quote", pair.toString(), source, asOf.toString(), quoted.toString(), rate.toPlainString());
        if (pair.equals(quoted)) {
            return new RateQuoted(quoteId, pair.toString(), rate, decimals, low, high, null,
                    reportedChangePct, asOf, source, pageId, quotedAt);
        }
        MathContext digits = new MathContext(INVERSE_DIGITS, RoundingMode.HALF_EVEN);
        BigDecimal inverse = BigDecimal.ONE.divide(rate, digits);
        if (inverse.scale() < 0) {
            // 1/0.01 comes out as 1E+2; the plain form 100 has the same value and no exponent.
            inverse = inverse.setScale(0);
        }
        // Bounds round outwards so the interval never claims more precision than the quote had.
        BigDecimal inverseLow = BigDecimal.ONE.divide(high, new MathContext(INVERSE_DIGITS, RoundingMode.FLOOR));
        BigDecimal inverseHigh = BigDecimal.ONE.divide(low, new MathContext(INVERSE_DIGITS, RoundingMode.CEILING));
        BigDecimal inverseChange = reportedChangePct == null ? null : invertChangePct(reportedChangePct);
        return new RateQuoted(quoteId, pair.toString(), inverse, Math.max(inverse.scale(), 0), inverseLow, inverseHigh,
                new QuotedAs(quoted.toString(), rate, decimals), inverseChange, asOf, source, pageId, quotedAt);
    }

    /** A change of x% in USD/KZT is a change of (1/(1+x/100) - 1) * 100 % in KZT/USD. */
    private static BigDecimal invertChangePct(BigDecimal pct) {
        BigDecimal factor = BigDecimal.ONE.add(pct.movePointLeft(2));
        if (factor.signum() <= 0) {
            throw new IllegalArgumentException("A reported change must be above -100%, got " + pct.toPlainString());
        }
        int scale = Math.max(pct.scale(), 2);
        return BigDecimal.ONE.divide(factor, MathContext.DECIMAL64).subtract(BigDecimal.ONE).movePointRight(2)
                .setScale(scale, RoundingMode.HALF_EVEN);
    }

    public CurrencyPair currencyPair() {
        return CurrencyPair.parse(pair);
    }
}

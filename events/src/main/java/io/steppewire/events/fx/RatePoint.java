package io.steppewire.events.fx;

import io.steppewire.events.SaneDecimals;

import java.math.BigDecimal;
import java.time.Instant;

/** One quoted rate of a pair with the interval its precision allows. */
public record RatePoint(BigDecimal rate, int decimals, BigDecimal rateLow, BigDecimal rateHigh, Instant asOf, String quoteId) {

    public RatePoint {
        SaneDecimals.derived(rate, "rate");
        SaneDecimals.derived(rateLow, "rateLow");
        SaneDecimals.derived(rateHigh, "rateHigh");
    }

    public static RatePoint of(RateQuoted quote) {
        return new RatePoint(quote.rate(), quote.decimals(), quote.rateLow(), quote.rateHigh(), quote.asOf(), quote.quoteId());
    }
}

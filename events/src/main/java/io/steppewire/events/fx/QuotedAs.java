package io.steppewire.events.fx;

import io.steppewire.events.SaneDecimals;

import java.math.BigDecimal;

/**
 * A quote exactly as the source gave it, kept when steppewire turned it into the canonical direction.
 *
 * @param pair     the pair as quoted, e.g. {@code USD/KZT}
 * @param rate     the rate as quoted, with its decimals, e.g. {@code 515.90}
 * @param decimals the number of decimals quoted
 */
public record QuotedAs(String pair, BigDecimal rate, int decimals) {

    public QuotedAs {
        SaneDecimals.rate(rate, "quotedAs.rate");
    }
}

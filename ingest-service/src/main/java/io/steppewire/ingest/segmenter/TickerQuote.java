package io.steppewire.ingest.segmenter;

import java.math.BigDecimal;

/**
 * One distinct quote of the page's ticker, exactly as quoted.
 *
 * @param pair      the pair as written, e.g. {@code KZT/USD}
 * @param rate      the rate with the scale it was quoted with ({@code 0.00201} keeps five decimals)
 * @param changePct the source's own daily change in percent
 * @param line      the line it was first read from
 */
public record TickerQuote(String pair, BigDecimal rate, BigDecimal changePct, int line) {

    public int decimals() {
        return Math.max(rate.scale(), 0);
    }
}

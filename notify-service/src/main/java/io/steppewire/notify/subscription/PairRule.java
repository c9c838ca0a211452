package io.steppewire.notify.subscription;

import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.Direction;

import java.math.BigDecimal;
import java.util.Locale;

/** Fires for a big move of {@code pair} at {@code thresholdPct} in {@code direction}. */
public record PairRule(CurrencyPair pair, BigDecimal thresholdPct, Direction direction) {

    /** How the rule appears in an alert's {@code matchedOn}, e.g. {@code pair:KZT/USD up 0.5%}. */
    public String describe() {
        return "pair:" + pair + " " + direction.name().toLowerCase(Locale.ROOT) + " " + thresholdPct.toPlainString() + "%";
    }
}

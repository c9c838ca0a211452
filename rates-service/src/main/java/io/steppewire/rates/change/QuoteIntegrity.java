package io.steppewire.rates.change;

import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.RateQuoted;
import org.jspecify.annotations.Nullable;

import java.util.Optional;

/**
 * Checks a quote read from the topic before it may touch the stored state. The topic is written by
 * more than one service, so a record that parses as JSON can still miss what a comparison needs. Its
 * decimals are checked earlier, by the quote's constructor: a record without a rate or with absurd decimals
 * does not even deserialise and goes to the dead-letter topic from there.
 */
public final class QuoteIntegrity {

    /** The reason the quote cannot be used, or empty when it can. */
    @SuppressWarnings("ConstantConditions") // fields are non-null by contract, but JSON from the wire may still omit them
    public static Optional<String> problemWith(@Nullable RateQuoted quote) {
        if (quote == null) {
            return Optional.of("record has no value (a tombstone is not a quote)");
        }
        if (isBlank(quote.quoteId()) || isBlank(quote.source()) || quote.asOf() == null) {
            return Optional.of("quote lacks quoteId, source or asOf");
        }
        if (quote.rate().signum() <= 0 || quote.rateLow().signum() <= 0
                || quote.rateLow().compareTo(quote.rate()) > 0 || quote.rateHigh().compareTo(quote.rate()) < 0) {
            return Optional.of("rate " + quote.rate().toPlainString() + " must be positive and lie within its bounds ["
                    + quote.rateLow().toPlainString() + ", " + quote.rateHigh().toPlainString() + "]");
        }
        if (isBlank(quote.pair())) {
            return Optional.of("quote lacks its pair");
        }
        CurrencyPair pair;
        try {
            pair = CurrencyPair.parse(quote.pair());
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!pair.isCanonical() || !pair.toString().equals(quote.pair())) {
            return Optional.of("pair " + quote.pair() + " is not in canonical form; expected " + pair.canonical());
        }
        return Optional.empty();
    }

    /** True when the record key is the quote's pair, as the topic catalogue requires. */
    public static boolean isKeyedByPair(@Nullable String key, @Nullable RateQuoted quote) {
        return quote != null && quote.pair() != null && quote.pair().equals(key);
    }

    private static boolean isBlank(@Nullable String text) {
        return text == null || text.isBlank();
    }

    private QuoteIntegrity() {
    }
}

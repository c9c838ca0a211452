package io.steppewire.events.fx;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A currency pair {@code BASE/QUOTE}: one unit of BASE costs the rate in QUOTE. Written with a slash
 * in JSON ({@code TJS/USD}) and with a dash in URL paths ({@code TJS-USD}).
 */
public record CurrencyPair(String base, String quote) {

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern TEXT = Pattern.compile("\\s*([A-Za-z]{3})\\s*[/-]\\s*([A-Za-z]{3})\\s*");

    /**
     * Reserve and trading currencies, most liquid first. In a canonical pair the more liquid
     * currency is the QUOTE, so Central Asian currencies are priced in dollars: {@code KZT/USD}.
     */
    private static final List<String> LIQUIDITY_ORDER =
            List.of("USD", "EUR", "GBP", "JPY", "CHF", "CNY", "RUB", "TRY", "AED");

    public CurrencyPair {
        if (!CODE.matcher(base).matches() || !CODE.matcher(quote).matches()) {
            throw new IllegalArgumentException("Currency codes are three capital letters (ISO 4217), got "
                    + base + "/" + quote);
        }
        if (base.equals(quote)) {
            throw new IllegalArgumentException("A pair needs two different currencies, got " + base + "/" + quote);
        }
    }

    /** Parses {@code KZT/USD} or {@code kzt-usd}; throws with the accepted form otherwise. */
    public static CurrencyPair parse(String text) {
        var m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("A pair is written BASE/QUOTE (or BASE-QUOTE in a URL) with ISO 4217 codes,"
                    + " e.g. KZT/USD; got '" + text + "'");
        }
        return new CurrencyPair(m.group(1).toUpperCase(Locale.ROOT), m.group(2).toUpperCase(Locale.ROOT));
    }

    public CurrencyPair inverse() {
        return new CurrencyPair(quote, base);
    }

    /** True when this is the direction steppewire stores and publishes the pair in. */
    public boolean isCanonical() {
        int baseRank = rank(base);
        int quoteRank = rank(quote);
        if (baseRank == quoteRank) {
            return base.compareTo(quote) < 0;
        }
        return quoteRank < baseRank;
    }

    public CurrencyPair canonical() {
        return isCanonical() ? this : inverse();
    }

    /** The form used in URL paths: {@code KZT-USD}. */
    public String pathForm() {
        return base + "-" + quote;
    }

    @Override
    public String toString() {
        return base + "/" + quote;
    }

    private static int rank(String code) {
        int i = LIQUIDITY_ORDER.indexOf(code);
        return i < 0 ? LIQUIDITY_ORDER.size() : i;
    }
}

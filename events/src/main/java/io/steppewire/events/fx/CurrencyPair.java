package io.steppewire.events.fx;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.regex.Pattern;

/**
 * A currency pair {@code BASE/QUOTE}: one unit of BASE costs the rate in QUOTE. Written with a slash
 * in JSON ({@code TJS/USD}) and with a dash in URL paths ({@code TJS-USD}).
 */
public record CurrencyPair(String base, String quote) {

    private static final Pattern TEXT = Pattern.compile("\\s*([A-Za-z]{3})\\s*[/-]\\s*([A-Za-z]{3})\\s*");

    /**
     * Reserve and trading currencies, most liquid first. In a canonical pair the more liquid
     * currency is the QUOTE, so Central Asian currencies are priced in dollars: {@code KZT/USD}.
     */
    private static final List<String> LIQUIDITY_ORDER =
            List.of("USD", "EUR", "GBP", "JPY", "CHF", "CNY", "RUB", "TRY", "AED");

    /**
     * The country whose news moves a currency. Reserve currencies (USD, EUR, GBP, JPY, CHF) are left
     * out on purpose: a KZT/USD move is news about Kazakhstan, not about the United States.
     */
    private static final Map<String, String> COUNTRY_OF_CURRENCY = Map.ofEntries(
            Map.entry("KZT", "KZ"), Map.entry("KGS", "KG"), Map.entry("TJS", "TJ"), Map.entry("UZS", "UZ"),
            Map.entry("TMT", "TM"), Map.entry("AFN", "AF"), Map.entry("MNT", "MN"), Map.entry("AZN", "AZ"),
            Map.entry("GEL", "GE"), Map.entry("AMD", "AM"), Map.entry("RUB", "RU"), Map.entry("CNY", "CN"),
            Map.entry("TRY", "TR"), Map.entry("AED", "AE"), Map.entry("IRR", "IR"), Map.entry("PKR", "PK"),
            Map.entry("INR", "IN"), Map.entry("BYN", "BY"), Map.entry("UAH", "UA"));

    public CurrencyPair {
        if (base.length() != 3 || quote.length() != 3 || !isCode(base, 0) || !isCode(quote, 0)) {
            throw new IllegalArgumentException("Currency codes are three capital letters (ISO 4217), got "
                    + base + "/" + quote);
        }
        if (base.equals(quote)) {
            throw new IllegalArgumentException("A pair needs two different currencies, got " + base + "/" + quote);
        }
    }

    /** Parses {@code KZT/USD} or {@code kzt-usd}; throws with the accepted form otherwise. */
    public static CurrencyPair parse(String text) {
        // The form every writer uses is read without the pattern, which the rate stream paid for on every quote.
        if (text.length() == 7 && text.charAt(3) == '/' && isCode(text, 0) && isCode(text, 4)) {
            return new CurrencyPair(text.substring(0, 3), text.substring(4));
        }
        var m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("A pair is written BASE/QUOTE (or BASE-QUOTE in a URL) with ISO 4217 codes,"
                    + " e.g. KZT/USD; got '" + text + "'");
        }
        return new CurrencyPair(m.group(1).toUpperCase(Locale.ROOT), m.group(2).toUpperCase(Locale.ROOT));
    }

    /** Three capital letters A to Z from {@code from}, as ISO 4217 writes a currency. */
    private static boolean isCode(String text, int from) {
        for (int i = from; i < from + 3; i++) {
            char c = text.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
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

    /** The ISO 3166 country whose news moves this currency; empty for reserve currencies. */
    public static Optional<String> countryOf(String currency) {
        return Optional.ofNullable(COUNTRY_OF_CURRENCY.get(currency));
    }

    /** The countries of both currencies that have one, base first: the news around a move of this pair. */
    public List<String> countries() {
        return Stream.of(base, quote).map(CurrencyPair::countryOf).flatMap(Optional::stream).distinct().toList();
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

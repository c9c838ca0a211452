package io.steppewire.article.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The country whose news moves a currency. Reserve currencies (USD, EUR, GBP, JPY, CHF) are left
 * out on purpose: a KZT/USD move is news about Kazakhstan, not about the United States.
 */
public final class CurrencyCountries {

    private static final Map<String, String> COUNTRY_OF_CURRENCY = Map.ofEntries(
            Map.entry("KZT", "KZ"), Map.entry("KGS", "KG"), Map.entry("TJS", "TJ"), Map.entry("UZS", "UZ"),
            Map.entry("TMT", "TM"), Map.entry("AFN", "AF"), Map.entry("MNT", "MN"), Map.entry("AZN", "AZ"),
            Map.entry("GEL", "GE"), Map.entry("AMD", "AM"), Map.entry("RUB", "RU"), Map.entry("CNY", "CN"),
            Map.entry("TRY", "TR"), Map.entry("AED", "AE"), Map.entry("IRR", "IR"), Map.entry("PKR", "PK"),
            Map.entry("INR", "IN"), Map.entry("BYN", "BY"), Map.entry("UAH", "UA"));

    public static Optional<String> countryOf(String currency) {
        return Optional.ofNullable(COUNTRY_OF_CURRENCY.get(currency));
    }

    /** The countries of both currencies of a pair that have one, base first. */
    public static List<String> countriesOf(String base, String quote) {
        return java.util.stream.Stream.of(base, quote).map(CurrencyCountries::countryOf).flatMap(Optional::stream)
                .distinct().toList();
    }

    private CurrencyCountries() {
    }
}

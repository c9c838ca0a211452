package io.steppewire.notify.matching;

import io.steppewire.events.fx.CurrencyPair;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The Central Asian country each watched currency belongs to, so a rate alert can carry that country's news. */
public final class CurrencyCountries {

    private static final Map<String, String> COUNTRY_OF_CURRENCY = Map.of(
            "KZT", "KZ", "KGS", "KG", "TJS", "TJ", "UZS", "UZ", "TMT", "TM");

    private CurrencyCountries() {
    }

    /** The countries of both currencies of the pair that steppewire watches, base first. */
    public static Set<String> of(CurrencyPair pair) {
        Set<String> countries = new LinkedHashSet<>();
        String base = COUNTRY_OF_CURRENCY.get(pair.base());
        String quote = COUNTRY_OF_CURRENCY.get(pair.quote());
        if (base != null) {
            countries.add(base);
        }
        if (quote != null) {
            countries.add(quote);
        }
        return countries;
    }
}

package io.steppewire.article.query;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CurrencyCountriesTest {

    @Test
    void mapsCentralAsianCurrenciesToTheirCountries() {
        assertThat(CurrencyCountries.countriesOf("KZT", "USD")).containsExactly("KZ");
        assertThat(CurrencyCountries.countriesOf("UZS", "RUB")).containsExactly("UZ", "RU");
        assertThat(CurrencyCountries.countryOf("TMT")).hasValue("TM");
    }

    @Test
    void leavesReserveCurrenciesWithoutACountry() {
        assertThat(CurrencyCountries.countriesOf("EUR", "USD")).isEmpty();
    }
}

package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.MalformedPublicationException;
import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.PublishedRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static io.steppewire.rates.support.OfficialRatesSite.fixtureBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CbuRatesTest {

    private static final LocalDate APRIL_FIRST = LocalDate.of(2026, 4, 1);

    private final CbuRates cbu = new CbuRates();

    @Test
    void theDateIsAPathSegmentOfTheArchive() {
        assertThat(cbu.addressFor(URI.create("https://cbu.uz/uz/arkhiv-kursov-valyut/json/all/"), APRIL_FIRST))
                .isEqualTo(URI.create("https://cbu.uz/uz/arkhiv-kursov-valyut/json/all/2026-04-01/"));
        assertThat(cbu.addressFor(URI.create("http://mirror.local/cbu/json/all"), APRIL_FIRST))
                .isEqualTo(URI.create("http://mirror.local/cbu/json/all/2026-04-01/"));
    }

    @Test
    void readsEveryCurrencyWithItsNominalAndDifference() {
        Publication publication = cbu.parse(fixtureBytes("cbu/2026-04-01.json"), APRIL_FIRST);

        assertThat(publication.date()).isEqualTo(APRIL_FIRST);
        assertThat(publication.rates()).hasSize(7).contains(
                new PublishedRate("USD", 1, new BigDecimal("12731.45"), new BigDecimal("-18.6")),
                new PublishedRate("IDR", 10, new BigDecimal("7.66"), new BigDecimal("0")),
                new PublishedRate("RUB", 1, new BigDecimal("157.30"), new BigDecimal("0.41")));
    }

    @Test
    void anEmptyArrayIsADayWithoutRates() {
        assertThat(cbu.parse("[]".getBytes(StandardCharsets.UTF_8), APRIL_FIRST).rates()).isEmpty();
    }

    @Test
    void rowsOfDifferentDatesAreMalformed() {
        assertThatThrownBy(() -> cbu.parse(fixtureBytes("cbu/malformed-mixed-dates.json"), APRIL_FIRST))
                .isInstanceOf(MalformedPublicationException.class).hasMessageContaining("mixes the rates");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Ccy\":\"USD\"}", "[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":12731.45,\"Date\":\"01.04.2026\"}]",
            "[1,2,3]", "<html>Bad gateway</html>", "", "[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"12731.45\"}]",
            "[] []", "[{\"Ccy\":\"USD\",\"Nominal\":\"1\",\"Rate\":\"1e400\",\"Date\":\"01.04.2026\"}]"})
    void anythingButTheBanksArrayOfStringsIsMalformed(String body) {
        assertThatThrownBy(() -> cbu.parse(body.getBytes(StandardCharsets.UTF_8), APRIL_FIRST))
                .isInstanceOf(MalformedPublicationException.class);
    }
}

package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.MalformedPublicationException;
import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.PublishedRate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;

import static io.steppewire.rates.support.OfficialRatesSite.fixtureBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NbkrRatesTest {

    private final NbkrRates nbkr = new NbkrRates();

    @Test
    void readsTheDailyRatesWithCommaDecimalsAndTheirDate() {
        Publication publication = nbkr.parse(fixtureBytes("nbkr/daily.xml"));

        assertThat(publication.date()).isEqualTo(LocalDate.of(2026, 4, 2));
        assertThat(publication.rates()).containsExactly(
                new PublishedRate("USD", 1, new BigDecimal("86.9300"), null),
                new PublishedRate("EUR", 1, new BigDecimal("94.6112"), null),
                new PublishedRate("CNY", 1, new BigDecimal("11.9874"), null),
                new PublishedRate("KZT", 1, new BigDecimal("0.1845"), null),
                new PublishedRate("RUB", 1, new BigDecimal("1.0912"), null));
    }

    @Test
    void theDocumentsOwnEncodingDeclarationIsFollowed() {
        String daily = """
                <?xml version="1.0" encoding="windows-1251" ?>
                <CurrencyRates Name="Ежедневные курсы" Date="02.04.2026">
                <Currency ISOCode="USD"><Nominal>1</Nominal><Value>86,9300</Value></Currency>
                </CurrencyRates>
                """;

        Publication publication = nbkr.parse(daily.getBytes(Charset.forName("windows-1251")));

        assertThat(publication.rates()).hasSize(1);
    }

    @Test
    void anAnswerWithoutItsDateIsMalformed() {
        assertThatThrownBy(() -> nbkr.parse("<CurrencyRates Name=\"Daily Exchange Rates\"></CurrencyRates>".getBytes()))
                .isInstanceOf(MalformedPublicationException.class).hasMessageContaining("Date attribute");
        assertThatThrownBy(() -> nbkr.parse("<ValCurs Date=\"02.04.2026\"/>".getBytes()))
                .isInstanceOf(MalformedPublicationException.class).hasMessageContaining("<ValCurs>");
    }
}

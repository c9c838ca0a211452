package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.MalformedPublicationException;
import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.PublishedRate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static io.steppewire.rates.support.OfficialRatesSite.fixtureBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NbkRatesTest {

    private static final LocalDate APRIL_FIRST = LocalDate.of(2026, 4, 1);

    private final NbkRates nbk = new NbkRates();

    @Test
    void theDateGoesIntoTheAddressAsTheBankWritesIt() {
        assertThat(nbk.addressFor(URI.create("https://nationalbank.kz/rss/get_rates.cfm"), APRIL_FIRST))
                .isEqualTo(URI.create("https://nationalbank.kz/rss/get_rates.cfm?fdate=01.04.2026"));
        assertThat(nbk.addressFor(URI.create("http://mirror.local/nbk?lang=en"), APRIL_FIRST))
                .isEqualTo(URI.create("http://mirror.local/nbk?lang=en&fdate=01.04.2026"));
    }

    @Test
    void readsEveryItemWithItsNominalAndChange() {
        Publication publication = nbk.parse(fixtureBytes("nbk/rates-2026-04-01.xml"), APRIL_FIRST);

        assertThat(publication.date()).isEqualTo(APRIL_FIRST);
        assertThat(publication.rates()).hasSize(9);
        assertThat(publication.rates()).contains(
                new PublishedRate("USD", 1, new BigDecimal("471.23"), new BigDecimal("-2.85")),
                new PublishedRate("AMD", 10, new BigDecimal("12.41"), new BigDecimal("-0.05")),
                new PublishedRate("KRW", 100, new BigDecimal("33.07"), new BigDecimal("0.11")));
        assertThat(publication.skipped()).isEmpty();
    }

    @Test
    void aRateWrittenWithoutItsTrailingZeroKeepsTwoDecimals() {
        Publication publication = nbk.parse(fixtureBytes("nbk/rates-2026-04-01.xml"), APRIL_FIRST);

        assertThat(publication.rates()).filteredOn(rate -> rate.currency().equals("GEL")).singleElement()
                .satisfies(lari -> assertThat(lari.value()).isEqualTo(new BigDecimal("181.50")));
    }

    @Test
    void readsTheRssFeedWhoseItemsAreEachDated() {
        Publication publication = nbk.parse(fixtureBytes("nbk/rates_all.xml"), APRIL_FIRST);

        assertThat(publication.date()).isEqualTo(LocalDate.of(2026, 4, 2));
        assertThat(publication.rates()).extracting(PublishedRate::currency).containsExactly("AUD", "AMD", "GEL", "EUR");
    }

    @Test
    void anAnswerWithARateThatIsNoNumberIsMalformed() {
        assertThatThrownBy(() -> nbk.parse(fixtureBytes("nbk/malformed-rate.xml"), APRIL_FIRST))
                .isInstanceOf(MalformedPublicationException.class).hasMessageContaining("USD rate").hasMessageContaining("47l.23");
    }

    @Test
    void anAnswerThatIsNotTheBanksXmlIsMalformed() {
        assertThatThrownBy(() -> nbk.parse("<html><body>Service temporarily unavailable</body></html>"
                .getBytes(StandardCharsets.UTF_8), APRIL_FIRST)).isInstanceOf(MalformedPublicationException.class)
                .hasMessageContaining("<html>");
        assertThatThrownBy(() -> nbk.parse("<rates><date>01.04.2026</date><item><title>USD</ti".getBytes(StandardCharsets.UTF_8),
                APRIL_FIRST)).isInstanceOf(MalformedPublicationException.class).hasMessageContaining("not XML");
        assertThatThrownBy(() -> nbk.parse("<rates><item/></rates>".getBytes(StandardCharsets.UTF_8), APRIL_FIRST))
                .isInstanceOf(MalformedPublicationException.class).hasMessageContaining("no <date>");
        assertThatThrownBy(() -> nbk.parse("<rates><date>2026-04-01</date></rates>".getBytes(StandardCharsets.UTF_8), APRIL_FIRST))
                .isInstanceOf(MalformedPublicationException.class).hasMessageContaining("not a date");
    }

    @Test
    void aDocumentTypeIsRefusedSoNoEntityIsExpandedOrFetched() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE rates [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rates><date>01.04.2026</date><item><title>&c;&secret;</title></item></rates>""";

        assertThatThrownBy(() -> nbk.parse(laughs.getBytes(StandardCharsets.UTF_8), APRIL_FIRST))
                .isInstanceOf(MalformedPublicationException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void aDayWithoutItemsIsAPublicationWithoutRates() {
        Publication publication = nbk.parse("<rates><date>01.04.2026</date></rates>".getBytes(StandardCharsets.UTF_8), APRIL_FIRST);

        assertThat(publication.rates()).isEmpty();
    }
}

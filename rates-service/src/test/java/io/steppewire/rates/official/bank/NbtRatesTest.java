package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.MalformedPublicationException;
import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.PublishedRate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;

import static io.steppewire.rates.support.OfficialRatesSite.fixtureBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NbtRatesTest {

    private static final LocalDate APRIL_FIRST = LocalDate.of(2026, 4, 1);

    private final NbtRates nbt = new NbtRates();

    @Test
    void theDateAndTheExportFormGoIntoTheQuery() {
        assertThat(nbt.addressFor(URI.create("https://www.nbt.tj/en/kurs/export_xml.php"), APRIL_FIRST))
                .isEqualTo(URI.create("https://www.nbt.tj/en/kurs/export_xml.php?date=2026-04-01&export=xmlout"));
    }

    @Test
    void readsRatesPerTenHundredAndThousandUnitsByTheirCharCode() {
        Publication publication = nbt.parse(fixtureBytes("nbt/2026-04-01.xml"), APRIL_FIRST);

        assertThat(publication.date()).isEqualTo(APRIL_FIRST);
        assertThat(publication.rates()).hasSize(9).contains(
                new PublishedRate("USD", 1, new BigDecimal("10.9234"), null),
                new PublishedRate("UZS", 100, new BigDecimal("0.0857"), null),
                new PublishedRate("KGS", 10, new BigDecimal("1.2567"), null),
                new PublishedRate("IRR", 1000, new BigDecimal("0.0087"), null));
    }

    @Test
    void theDateInTheAnswerIsWhatCounts() {
        assertThat(nbt.parse(fixtureBytes("nbt/2026-04-07.xml"), APRIL_FIRST).date()).isEqualTo(LocalDate.of(2026, 4, 7));
    }

    @Test
    void aValuteWithoutItsNominalIsMalformed() {
        assertThatThrownBy(() -> nbt.parse("""
                <ValCurs Date="2026-04-01"><Valute ID="840"><CharCode>USD</CharCode><Value>10.9234</Value></Valute></ValCurs>"""
                .getBytes(), APRIL_FIRST)).isInstanceOf(MalformedPublicationException.class).hasMessageContaining("USD has no nominal");
    }
}

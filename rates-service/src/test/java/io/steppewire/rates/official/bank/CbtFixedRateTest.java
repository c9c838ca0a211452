package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.Publication;
import io.steppewire.rates.official.PublishedRate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static io.steppewire.rates.support.OfficialRatesSite.fixtureBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class CbtFixedRateTest {

    private final CbtFixedRate cbt = new CbtFixedRate(Map.of("USD", new BigDecimal("3.50")), LocalDate.of(2015, 1, 1));

    @Test
    void theFixedRateIsPublishedForEveryDateFromWhenItHolds() {
        Publication publication = cbt.on(LocalDate.of(2026, 4, 1));

        assertThat(publication.rates()).containsExactly(new PublishedRate("USD", 1, new BigDecimal("3.50"), null));
        assertThat(cbt.on(LocalDate.of(2014, 12, 31)).rates()).isEmpty();
    }

    @Test
    void thePageBearsOutTheRateWhenARowOfTheCurrencyShowsAnEqualNumber() {
        assertThat(cbt.contradictionIn(fixtureBytes("cbt/kurs_today.html"))).isEmpty();
    }

    @Test
    void aPageShowingAnotherRateOrNoRowForTheCurrencyContradictsIt() {
        assertThat(cbt.contradictionIn(fixtureBytes("cbt/kurs_devalued.html")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no longer shows USD at 3.50", "fixed-rates"));
        assertThat(cbt.contradictionIn("<html><body>Sahypa tapylmady</body></html>".getBytes(StandardCharsets.UTF_8)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no row for USD"));
    }

    @Test
    void aPageOfUnclosedRowsIsReadWithoutBacktracking() {
        byte[] page = ("<table>" + "<tr><td>USD 1 <b".repeat(50_000)).getBytes(StandardCharsets.UTF_8);

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> cbt.contradictionIn(page)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("USD"));
    }
}

package io.steppewire.rates.official;

import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a bank's lines become quotes: nominal units, decimals, direction, the bank's own change. */
class OfficialQuotesTest {

    private static final LocalDate APRIL_FIRST = LocalDate.of(2026, 4, 1);
    private static final Instant FETCHED = Instant.parse("2026-04-01T11:05:00Z");

    @Test
    void aRatePerHundredUnitsIsDividedExactlyAndKeepsThePublishedPrecision() {
        RateQuoted won = only(lines("KZT", 2, line("KRW", "100", "33.07", null)));

        assertThat(won.pair()).isEqualTo("KRW/KZT");
        assertThat(won.rate()).isEqualTo(new BigDecimal("0.3307"));
        assertThat(won.decimals()).isEqualTo(4);
        // Half a unit of the second published decimal per hundred won is half a unit of the fourth per won.
        assertThat(won.rateLow()).isEqualByComparingTo("0.33065");
        assertThat(won.rateHigh()).isEqualByComparingTo("0.33075");
    }

    @Test
    void aCommaDecimalIsReadWithItsDecimals() {
        RateQuoted dollar = only(lines("KGS", 4, line("USD", "1", "86,9300", null)), "KGS");

        assertThat(dollar.quotedAs().rate()).isEqualTo(new BigDecimal("86.9300"));
        assertThat(dollar.quotedAs().decimals()).isEqualTo(4);
    }

    @Test
    void theDollarRateIsPublishedInTheCanonicalDirectionWithItsQuotedForm() {
        RateQuoted dollar = only(lines("KZT", 2, line("USD", "1", "471.23", "-2.85")));

        assertThat(dollar.pair()).isEqualTo("KZT/USD");
        assertThat(dollar.quotedAs().pair()).isEqualTo("USD/KZT");
        assertThat(dollar.quotedAs().rate()).isEqualTo(new BigDecimal("471.23"));
        assertThat(dollar.asOf()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(dollar.source()).isEqualTo("nbk");
        assertThat(dollar.quotedAt()).isEqualTo(FETCHED);
        // -2.85 of 474.08 is -0.6012% for the dollar in tenge, +0.6048% for the tenge in dollars.
        assertThat(dollar.reportedChangePct()).isEqualByComparingTo("0.6048");
    }

    @Test
    void aRateWrittenWithoutItsTrailingZeroHasTheBanksDecimals() {
        RateQuoted lari = only(lines("KZT", 2, line("GEL", "1", "181.5", "+0.62")));

        assertThat(lari.rate()).isEqualTo(new BigDecimal("181.50"));
        assertThat(lari.decimals()).isEqualTo(2);
    }

    @Test
    void theBanksChangeBecomesAReportedChangeInPercentOfTheRateBefore() {
        assertThat(only(lines("KZT", 2, line("KRW", "100", "33.07", "+0.11"))).reportedChangePct()).isEqualByComparingTo("0.3337");
        assertThat(only(lines("KZT", 2, line("IDR", "10", "7.66", "0"))).reportedChangePct()).isEqualByComparingTo("0");
        assertThat(only(lines("KZT", 2, line("AUD", "1", "321.44", null))).reportedChangePct()).isNull();
        assertThat(only(lines("KZT", 2, line("AUD", "1", "1.00", "1.00"))).reportedChangePct()).as("nothing before it").isNull();
    }

    @Test
    void linesWithoutAUsableRateAreLeftOutWithTheirReason() {
        Publication publication = lines("KZT", 2, line("USD", "1", "471.23", null), line("XX", "1", "1.00", null),
                line("KZT", "1", "1.00", null), line("AMD", "1", "0", null), line("BYN", "1", "", null),
                line("HUF", "3", "4.50", null)).on(APRIL_FIRST);

        assertThat(publication.rates()).extracting(PublishedRate::currency).containsExactly("USD");
        assertThat(publication.skipped()).containsExactly("a line without an ISO 4217 currency code ('XX')",
                "KZT: the bank's own currency", "AMD: rate 0 published (no rate)", "BYN: no rate published",
                "HUF: a rate per 3 units cannot keep its published precision per unit");
    }

    @Test
    void anUnreadableNumberOrACurrencyGivenTwiceMakesTheWholePublicationMalformed() {
        assertThatThrownBy(() -> lines("KZT", 2, line("USD", "1", "47l.23", null))).isInstanceOf(MalformedPublicationException.class)
                .hasMessageContaining("USD rate");
        assertThatThrownBy(() -> lines("KZT", 2, line("USD", "1", "1,234.56", null))).hasMessageContaining("both a decimal comma and a point");
        assertThatThrownBy(() -> lines("KZT", 2, line("USD", "1", "1E+9", null))).hasMessageContaining("USD rate");
        assertThatThrownBy(() -> lines("KZT", 2, line("USD", "one", "471.23", null))).hasMessageContaining("USD nominal");
        assertThatThrownBy(() -> lines("KZT", 2, line("USD", "1", "471.23", "down"))).hasMessageContaining("USD change");
        assertThatThrownBy(() -> lines("KZT", 2, line("USD", "1", "471.23", null), line("USD", "1", "471.24", null)))
                .hasMessageContaining("USD is published twice");
    }

    private record Line(String code, String nominal, String value, String change) {
    }

    private static Line line(String code, String nominal, String value, String change) {
        return new Line(code, nominal, value, change);
    }

    private static PublicationLines lines(String homeCurrency, int bankDecimals, Line... lines) {
        PublicationLines collected = new PublicationLines(homeCurrency, bankDecimals);
        for (Line line : lines) {
            collected.add(line.code(), line.nominal(), line.value(), line.change());
        }
        return collected;
    }

    /** The one quote of lines priced in tenge, unless they say otherwise. */
    private static RateQuoted only(PublicationLines lines) {
        return only(lines, "KZT");
    }

    private static RateQuoted only(PublicationLines lines, String homeCurrency) {
        List<RateQuoted> quotes = OfficialQuotes.of(lines.on(APRIL_FIRST), "nbk", homeCurrency, FETCHED).quotes();
        assertThat(quotes).hasSize(1);
        return quotes.getFirst();
    }
}

package io.steppewire.article.rates;

import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DailyRatesTest {

    private static DailyRates.DayPoint point(String rate, String asOf, String source) {
        RateQuoted quote = RateQuoted.fromQuote("KZT/USD", new BigDecimal(rate), null, Instant.parse(asOf), source, null, Instant.parse(asOf));
        return new DailyRates.DayPoint(quote.asOf(), quote.source(), quote.rate(), quote.decimals(), quote.rateLow().toPlainString(),
                quote.rateHigh().toPlainString());
    }

    @Test
    void comparesRatesAsNumbersWhateverTheirDecimalsAndKeepsTheEarlierPointOnATie() {
        var perDay = DailyRates.perDay(List.of(
                point("0.00201", "2026-03-14T00:00:00Z", "nbk"),
                point("0.002", "2026-03-14T09:00:00Z", "steppe-daily"),
                point("0.0020100", "2026-03-14T10:00:00Z", "steppe-daily"),
                point("0.00199", "2026-03-14T23:59:59Z", "steppe-daily")), null);

        assertThat(perDay).hasSize(1);
        RateViews.DailyPoint day = perDay.getFirst();
        assertThat(day.high().rate()).isEqualTo("0.00201");
        assertThat(day.high().source()).isEqualTo("nbk");
        assertThat(day.low().rate()).isEqualTo("0.00199");
        assertThat(day.open().decimals()).isEqualTo(5);
        assertThat(day.close().asOf()).isEqualTo(Instant.parse("2026-03-14T23:59:59Z"));
        assertThat(day.count()).isEqualTo(4);
    }

    @Test
    void putsAPointOnItsUtcDayAndOrdersEqualMomentsBySource() {
        var perDay = DailyRates.perDay(List.of(
                point("0.0913", "2026-03-14T23:59:59.999Z", "pamir-daily"),
                point("0.0914", "2026-03-15T00:00:00Z", "nbt"),
                point("0.0915", "2026-03-15T00:00:00Z", "dushanbe-times")), null);

        assertThat(perDay).extracting(RateViews.DailyPoint::day).map(Object::toString).containsExactly("2026-03-14", "2026-03-15");
        assertThat(perDay.get(1).open().source()).isEqualTo("dushanbe-times");
        assertThat(perDay.get(1).close().source()).isEqualTo("nbt");
    }

    @Test
    void keepsOnlyThatSourceWhenAsked() {
        var perDay = DailyRates.perDay(List.of(point("1.5", "2026-03-14T00:00:00Z", "odd|name|source"),
                point("1.6", "2026-03-14T01:00:00Z", "other")), "odd|name|source");

        assertThat(perDay).hasSize(1);
        assertThat(perDay.getFirst().close().source()).isEqualTo("odd|name|source");
        assertThat(perDay.getFirst().count()).isEqualTo(1);
    }
}

package io.steppewire.events;

import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaneDecimalsTest {

    @Test
    void readsPlainDecimalsWithTheirScale() {
        assertThat(SaneDecimals.parse("515.90", "rate")).isEqualByComparingTo("515.9").hasScaleOf(2);
        assertThat(SaneDecimals.parse("-0.46", "change")).isEqualByComparingTo("-0.46");
        assertThat(SaneDecimals.parse("+12", "change")).isEqualByComparingTo("12");
    }

    @Test
    void refusesExponentsGroupingAndGarbage() {
        for (String text : new String[]{"1E-500000000", "1e3", "1,000.5", " 1", "1.2.3", "-", ".", "", "NaN", "0x10", "١٢"}) {
            assertThatThrownBy(() -> SaneDecimals.parse(text, "rate")).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
        }
    }

    @Test
    void refusesMoreThanThirtyDigitsOrDecimals() {
        assertThatThrownBy(() -> SaneDecimals.parse("1".repeat(31), "rate")).hasMessageContaining("30 significant digits");
        assertThatThrownBy(() -> SaneDecimals.parse("0." + "0".repeat(30) + "1", "rate")).hasMessageContaining("30 decimals");
        assertThat(SaneDecimals.parse("1".repeat(30), "rate")).hasScaleOf(0);
    }

    @Test
    void refusesAHugeScaleAlreadyParsedInMicroseconds() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> SaneDecimals.check(new BigDecimal("1E-500000000"), "thresholdPct"))
                .hasMessageContaining("1E-500000000");
        assertThatThrownBy(() -> SaneDecimals.check(new BigDecimal("1E+500000000"), "thresholdPct"))
                .hasMessageContaining("without exponent");
        assertThat(System.nanoTime() - start).as("refused without formatting the value").isLessThan(1_000_000_000L);
    }

    @Test
    void boundsRatesAndPercents() {
        assertThatThrownBy(() -> SaneDecimals.rate(new BigDecimal("0"), "rate")).hasMessageContaining("between");
        assertThatThrownBy(() -> SaneDecimals.rate(new BigDecimal("10000000000000"), "rate")).hasMessageContaining("between");
        assertThatThrownBy(() -> SaneDecimals.percent(new BigDecimal("-1000001"), "change")).hasMessageContaining("between");
        assertThat(SaneDecimals.rate(new BigDecimal("0.00008"), "rate")).isEqualByComparingTo("0.00008");
    }

    @Test
    void aQuoteRecordWithAnExplodingRateIsPoisonNotParsedFurther() {
        String json = """
                {"quoteId":"q","pair":"KZT/USD","rate":1E-500000000,"decimals":2,"rateLow":1,"rateHigh":1,
                 "asOf":"2026-03-14T00:00:00Z","source":"s","quotedAt":"2026-03-14T00:00:00Z"}""";
        EventSerde<RateQuoted> serde = Topics.QUOTES.valueSerde();
        long start = System.nanoTime();
        assertThatThrownBy(() -> serde.deserializer().deserialize("fx.quotes.v1", json.getBytes(StandardCharsets.UTF_8)))
                .hasStackTraceContaining("rate must be a plain decimal");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}

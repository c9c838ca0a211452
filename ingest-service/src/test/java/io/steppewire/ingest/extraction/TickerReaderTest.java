package io.steppewire.ingest.extraction;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TickerReaderTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"0.00201 | 0.00201", "0,00201 | 0.00201", "12,845 | 12845",
            "12 845.50 | 12845.50", "12,845.50 | 12845.50", "12.845,50 | 12845.50", "0,201 | 0.201", "497.5 | 497.5"})
    void readsRatesWithTheirDigitsWhateverTheSeparators(String written, String plain) {
        assertThat(TickerReader.rate(written)).isEqualTo(plain);
    }

    @Test
    void writesEachDistinctQuoteOnceWithItsSignFirstLineAtColumnZero() {
        String html = """
                <div class="rates">
                  <p>KZT/USD 0.00201 ▲0.12%</p><p>TJS/USD = 0.09410 ▼0.37%</p>
                  <p>UZS/USD 0.00008 <span class="change down">0.25%</span></p><p>TMT/USD 0.28571 −0%</p>
                  <p>KZT/USD 0.00201 ▲0.12%</p>
                </div>""";

        assertThat(TickerReader.tickerLines(Jsoup.parse(html).body())).containsExactly(
                "• KZT/USD = 0.00201 0.12%",
                "  • TJS/USD = 0.09410 -0.37%",
                "  • UZS/USD = 0.00008 -0.25%",
                "  • TMT/USD = 0.28571 -0%");
    }

    @Test
    void findsNoQuoteInArticleText() {
        String html = "<p>The tenge fell 2% against the dollar, and the KZT/USD rate is watched closely.</p>";

        assertThat(TickerReader.tickerLines(Jsoup.parse(html).body())).isEmpty();
    }
}

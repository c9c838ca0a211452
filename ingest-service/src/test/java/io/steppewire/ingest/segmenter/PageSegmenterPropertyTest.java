package io.steppewire.ingest.segmenter;

import io.steppewire.events.SaneDecimals;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the segmenter arbitrary and hostile text. Whatever comes in, no exception escapes, every
 * line gets exactly one role, and the time stays linear. Budgets are small so the suite stays fast.
 */
class PageSegmenterPropertyTest {

    private final PageSegmenter segmenter = new PageSegmenter();

    @Property(tries = 300)
    void everyLineOfAnyTextGetsExactlyOneRole(@ForAll("pageLikeText") String text) {
        SegmentedPage page = segmenter.segment(text);
        assertThat(page.lines()).hasSize(PageSegmenter.splitLines(text).size());
        assertThat(PageSegmenter.lineCount(text)).as("the count that bounds a page before it is split")
                .isEqualTo(page.lines().size());
        assertThat(page.lines()).allSatisfy(line -> {
            assertThat(line.role()).isNotNull();
            assertThat(line.reason()).isNotBlank();
        });
    }

    @Property(tries = 200)
    void anyUnicodeIncludingBrokenSurrogatesAndControlCharactersIsHandled(@ForAll("hostileText") String text) {
        SegmentedPage page = segmenter.segment(text);
        assertThat(page.lines()).hasSize(PageSegmenter.splitLines(text).size());
        assertThat(PageSegmenter.lineCount(text)).isEqualTo(page.lines().size());
        page.articles().forEach(article -> assertThat(article.title()).isNotBlank());
    }

    @Property(tries = 20)
    void thousandsOfTickerLinesCountEachPairOnce(@ForAll @IntRange(min = 1000, max = 5000) int repeats) {
        StringBuilder page = new StringBuilder();
        for (int i = 0; i < repeats; i++) {
            page.append(i == 0 ? "" : "  ").append("• KZT/USD = 0.00201 0.12%\n  • UZS/USD = 0.00008 -0%\n");
        }
        page.append("14 March 2026\n\nTashkent Traders Watch the Som Closely Every Morning\n\nTASHKENT – Prices held.\n");
        SegmentedPage parsed = assertLinear(page.toString());
        assertThat(parsed.quotes()).hasSize(2);
        assertThat(parsed.articles()).hasSize(1);
    }

    @Property(tries = 10)
    void aHugeLineIsParsedInLinearTime(@ForAll @IntRange(min = 200_000, max = 2_000_000) int length,
                                        @ForAll("lineFillers") String filler) {
        String line = filler.repeat(length / filler.length() + 1);
        SegmentedPage page = assertLinear("Title Case Line\n\n" + line + "\n" + line);
        assertThat(page.lines()).hasSize(4);
    }

    @Property(tries = 10)
    void aPageWithoutBlankLinesIsParsedInLinearTime(@ForAll @IntRange(min = 2_000, max = 20_000) int lines) {
        StringBuilder page = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            page.append(i % 7 == 0 ? "A Short Heading Line Number " + i : "plain text that goes on and on, line " + i)
                    .append('\n');
        }
        assertThat(assertLinear(page.toString()).lines()).hasSize(lines);
    }

    /** Generous: a correct linear parse of these inputs takes milliseconds, a quadratic one takes minutes. */
    private SegmentedPage assertLinear(String text) {
        long start = System.nanoTime();
        SegmentedPage page = segmenter.segment(text);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        return page;
    }

    @Provide
    Arbitrary<String> pageLikeText() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("", "   ", "\t", "• KZT/USD = 0.00201 0.12%", "  • TJS/USD = 0.09410 -0.37%",
                        "• KZT/KZT = 0 0%", "14 March 2026", "31 February 2026", "Image: Aigerim Sadykova",
                        "A caption; image: someone", "Follow our special coverage of the summit here.",
                        "Harbor Without Boats", "Video: A Short Film", "Why Is It So?", "TASHKENT – The start.",
                        "Plain sentence that ends with a period.", "“Quoted” – Title: With Colon"),
                Arbitraries.strings().ofMaxLength(120),
                Arbitraries.strings().withChars("ABCabc •:;.?!–’ \t0123456789%/=").ofMaxLength(80),
                tickerCells());
        Arbitrary<String> separator = Arbitraries.of("\n", "\r\n", "\r");
        return Combinators.combine(line.list().ofMaxSize(60), separator)
                .as((lines, sep) -> String.join(sep, lines));
    }

    /** Ticker lines whose numbers may be garbage: exponents, long digit runs, signs, stray characters. */
    private static Arbitrary<String> tickerCells() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789.eE+-,%").ofMinLength(1).ofMaxLength(90),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(70),
                Arbitraries.of("1E5", "1e-500000000", "0", "-1", "+0.5", "0.0000000000001", "9999999999999", "NaN"));
        return Combinators.combine(Arbitraries.of("KZT/USD", "USD/KZT", "XXX/YYY", "KZT/KZT"), number, number)
                .as((pair, rate, change) -> "• " + pair + " = " + rate + " " + change + "%");
    }

    @Property(tries = 300)
    void everyQuoteTakenFromATickerIsSaneWhateverTheCells(@ForAll("pageLikeText") String text) {
        assertThat(segmenter.segment(text).quotes()).allSatisfy(quote -> {
            assertThat(quote.rate()).isBetween(SaneDecimals.MIN_RATE, SaneDecimals.MAX_RATE);
            assertThat(quote.rate().precision()).isLessThanOrEqualTo(SaneDecimals.MAX_DIGITS);
            assertThat(quote.rate().scale()).isBetween(0, SaneDecimals.MAX_SCALE);
            assertThat(quote.changePct().abs()).isLessThanOrEqualTo(SaneDecimals.MAX_PERCENT);
        });
    }

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> controls = Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(50);
        Arbitrary<String> surrogates = Arbitraries.strings().withCharRange('\ud800', '\udfff').ofMaxLength(50);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(500);
        return Arbitraries.oneOf(controls, surrogates, anything).list().ofMaxSize(20)
                .map(parts -> String.join("\n", parts));
    }

    @Provide
    Arbitrary<String> lineFillers() {
        return Arbitraries.of(List.of("a", "A ", "• ", "1 ", "Image: ", ";", "– ", "x;image:", "AB CD "));
    }
}

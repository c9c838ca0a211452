package io.steppewire.ingest.segmenter;

import io.steppewire.ingest.text.UnicodeSpacesTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real pages put no-break, thin and zero-width spaces where a writer typed a space. Every rule of the segmenter
 * (ticker cells, date lines, captions, boilerplate, blank lines, Title Case headings, datelines, shared words) must
 * give the same split with them as with plain spaces.
 */
class UnicodeSpacePagesTest {

    static Stream<Arguments> corpusPagesWithEachSpace() {
        List<Path> pages = corpusPages();
        return UnicodeSpacesTest.unicodeSpaces().flatMap(space -> pages.stream()
                .map(page -> Arguments.of(page.getFileName().toString(), hex(space), space)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("corpusPagesWithEachSpace")
    void splitsEveryCorpusPageAlikeWhenItsSpacesAreUnicodeSpaces(String page, String name, char space)
            throws IOException {
        String original = Files.readString(corpusDir().resolve(page), StandardCharsets.UTF_8);
        String respaced = original.replace(' ', space);
        PageSegmenter segmenter = new PageSegmenter();

        SegmentedPage expected = segmenter.segment(original);
        SegmentedPage actual = segmenter.segment(respaced);

        assertThat(actual.articles()).isEqualTo(expected.articles());
        assertThat(actual.quotes()).isEqualTo(expected.quotes());
        assertThat(actual.date()).isEqualTo(expected.date());
        assertThat(actual.lines()).extracting(ClassifiedLine::role)
                .containsExactlyElementsOf(expected.lines().stream().map(ClassifiedLine::role).toList());
        assertThat(actual.lines()).extracting(ClassifiedLine::text)
                .as("the classified lines show the page as it was sent")
                .containsExactlyElementsOf(PageSegmenter.splitLines(respaced));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachSpace")
    void keepsEachLineRuleWithUnicodeSpaces(String name, char space) {
        String page = String.join("\n",
                "  • KZT/USD = 0.00201 0.12%",
                "14 March 2026",
                "   ",
                "Uzbekistan Opens Its Largest Solar Park Near Bukhara",
                "",
                "TASHKENT – A solar park outside Bukhara began feeding the grid on Tuesday.",
                "",
                "Image: Steppe Photo Agency",
                "",
                "Follow our special coverage of the energy transition here.",
                "",
                "The Grid Question",
                "",
                "Operators say the grid can take it.",
                "",
                "Read more: how the grid copes with midday peaks",
                "",
                "Kyrgyz Farmers Double the Area Under Drip Irrigation Lines",
                "",
                "BISHKEK – Farmers in the Chui valley doubled the area under drip lines in two years.")
                .replace(' ', space);

        SegmentedPage segmented = new PageSegmenter().segment(page);

        assertThat(segmented.lines()).extracting(ClassifiedLine::role).containsExactly(
                LineRole.TICKER, LineRole.DATE, LineRole.BLANK, LineRole.TITLE, LineRole.BLANK, LineRole.PARAGRAPH,
                LineRole.BLANK, LineRole.CAPTION, LineRole.BLANK, LineRole.BOILERPLATE, LineRole.BLANK,
                LineRole.SUBHEADING, LineRole.BLANK, LineRole.PARAGRAPH, LineRole.BLANK, LineRole.BOILERPLATE,
                LineRole.BLANK, LineRole.TITLE, LineRole.BLANK, LineRole.PARAGRAPH);
        assertThat(segmented.quotes()).extracting(TickerQuote::pair).containsExactly("KZT/USD");
        assertThat(segmented.articles()).extracting(SegmentedArticle::title).containsExactly(
                "Uzbekistan Opens Its Largest Solar Park Near Bukhara",
                "Kyrgyz Farmers Double the Area Under Drip Irrigation Lines");
        assertThat(segmented.articles().getFirst().imageCredits()).containsExactly("Steppe Photo Agency");
        assertThat(segmented.lines().get(17).reason()).contains("opens with a dateline");
    }

    static Stream<Arguments> eachSpace() {
        return UnicodeSpacesTest.unicodeSpaces().map(c -> Arguments.of(hex(c), c));
    }

    private static String hex(char c) {
        return String.format("U+%04X", (int) c);
    }

    private static List<Path> corpusPages() {
        try (Stream<Path> files = Files.list(corpusDir())) {
            return files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path corpusDir() {
        try {
            return Path.of(UnicodeSpacePagesTest.class.getClassLoader().getResource("corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

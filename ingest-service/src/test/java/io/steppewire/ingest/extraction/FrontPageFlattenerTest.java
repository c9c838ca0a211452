package io.steppewire.ingest.extraction;

import io.steppewire.events.article.BodyBlock;
import io.steppewire.ingest.segmenter.ClassifiedLine;
import io.steppewire.ingest.segmenter.LineRole;
import io.steppewire.ingest.segmenter.PageSegmenter;
import io.steppewire.ingest.segmenter.SegmentedArticle;
import io.steppewire.ingest.segmenter.SegmentedPage;
import io.steppewire.ingest.segmenter.TickerQuote;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flattens each made-up front page of src/test/resources/extraction/front-pages and runs the existing segmenter on the
 * text, as {@code POST /api/pages} would: the page date, the distinct quotes, the articles with their own dates,
 * subheadings, paragraphs and photo credits must be those of the hand-written {@code .expected} file.
 */
class FrontPageFlattenerTest {

    record ExpectedArticle(String title, List<String> subheadings, List<String> paragraphs, List<String> credits,
                           LocalDate ownDate) {
    }

    record Expected(String page, Instant fetched, LocalDate date, List<String> quotes, List<ExpectedArticle> articles) {
    }

    static Stream<Path> frontPages() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(FrontPageFlattenerTest.class.getClassLoader()
                .getResource("extraction/front-pages")).toURI());
        List<Path> pages;
        try (Stream<Path> files = Files.list(dir)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
        return pages.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frontPages")
    void flattensIntoTheTextPageTheSegmenterSplitsAsExpected(Path page) throws IOException {
        Expected expected = expected(page.getFileName().toString(),
                Files.readAllLines(Path.of(page.toString().replace(".html", ".expected"))));
        String text = new FrontPageFlattener().flatten(Files.readString(page, StandardCharsets.UTF_8),
                URI.create("https://front.example/"), expected.fetched());

        SegmentedPage segmented = new PageSegmenter().segment(text);

        assertThat(segmented.date()).as("page date of\n%s", text).isEqualTo(expected.date());
        assertThat(segmented.quotes()).extracting(FrontPageFlattenerTest::quote).as("quotes of\n%s", text)
                .containsExactlyElementsOf(expected.quotes());
        assertThat(segmented.articles()).extracting(SegmentedArticle::title).as("titles of\n%s", text)
                .containsExactlyElementsOf(expected.articles().stream().map(ExpectedArticle::title).toList());
        for (int i = 0; i < expected.articles().size(); i++) {
            ExpectedArticle want = expected.articles().get(i);
            SegmentedArticle got = segmented.articles().get(i);
            assertThat(got.paragraphs()).as("paragraphs of '%s' in\n%s", want.title(), text)
                    .containsExactlyElementsOf(want.paragraphs());
            assertThat(got.body().stream().filter(b -> b.kind() == BodyBlock.Kind.SUBHEADING).map(BodyBlock::text))
                    .as("subheadings of '%s'", want.title()).containsExactlyElementsOf(want.subheadings());
            assertThat(got.imageCredits()).as("credits of '%s'", want.title()).containsExactlyElementsOf(want.credits());
            assertThat(got.ownDate()).as("own date of '%s'", want.title()).isEqualTo(want.ownDate());
        }
        assertThat(segmented.lines()).extracting(ClassifiedLine::role).as("no line of\n%s is left to boilerplate", text)
                .doesNotContain(LineRole.BOILERPLATE);
    }

    private static String quote(TickerQuote quote) {
        return quote.pair() + " " + quote.rate().toPlainString() + " " + quote.changePct().toPlainString();
    }

    private static Expected expected(String page, List<String> lines) {
        Instant fetched = null;
        LocalDate date = null;
        List<String> quotes = new ArrayList<>();
        List<ExpectedArticle> articles = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("fetched: ")) {
                fetched = Instant.parse(line.substring(9));
            } else if (line.startsWith("date: ")) {
                date = LocalDate.parse(line.substring(6));
            } else if (line.startsWith("quote: ")) {
                quotes.add(line.substring(7));
            } else if (line.startsWith("= ")) {
                articles.add(new ExpectedArticle(line.substring(2), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), null));
            } else if (line.startsWith("own-date: ")) {
                ExpectedArticle last = articles.removeLast();
                articles.add(new ExpectedArticle(last.title(), last.subheadings(), last.paragraphs(), last.credits(),
                        LocalDate.parse(line.substring(10))));
            } else if (line.startsWith("- ")) {
                articles.getLast().subheadings().add(line.substring(2));
            } else if (line.startsWith("p: ")) {
                articles.getLast().paragraphs().add(line.substring(3));
            } else if (line.startsWith("credit: ")) {
                articles.getLast().credits().add(line.substring(8));
            }
        }
        return new Expected(page, fetched, date, quotes, articles);
    }
}

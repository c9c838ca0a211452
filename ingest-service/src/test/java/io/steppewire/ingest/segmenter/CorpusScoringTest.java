package io.steppewire.ingest.segmenter;

import io.steppewire.events.article.BodyBlock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores the segmenter on our own corpus of made-up pages (src/test/resources/corpus): each
 * {@code NN-name.txt} page has a hand-written {@code NN-name.expected} split with its date, its number of
 * distinct quotes, its titles ({@code = }) and the subheadings of each article ({@code - }).
 * Article boundaries are scored by title: a predicted title that is an expected title is a hit.
 */
class CorpusScoringTest {

    private static final double REQUIRED = 0.97;
    /**
     * A subheading taken for a title costs two subheadings here (itself and the ones after it move to
     * the wrong article), so this guard sits lower than the boundary bar.
     */
    private static final double SUBHEADINGS_REQUIRED = 0.9;

    record Expected(String page, LocalDate date, int quotes, List<String> titles, Map<String, List<String>> subheadings) {
    }

    private static final List<Expected> corpus = new ArrayList<>();
    private static final Map<String, SegmentedPage> parsed = new HashMap<>();

    @BeforeAll
    static void readCorpus() throws IOException, URISyntaxException {
        Path dir = Path.of(CorpusScoringTest.class.getClassLoader().getResource("corpus").toURI());
        PageSegmenter segmenter = new PageSegmenter();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path page : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                Path expectedFile = Path.of(page.toString().replace(".txt", ".expected"));
                Expected expected = expected(page.getFileName().toString(), Files.readAllLines(expectedFile));
                corpus.add(expected);
                parsed.put(expected.page(), segmenter.segment(Files.readString(page, StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void holdsAtLeastTwentyFivePagesWithOneToTwelveArticles() {
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(25);
        assertThat(corpus).extracting(e -> e.titles().size()).contains(1, 12);
    }

    @Test
    void findsArticleBoundariesWithHighPrecisionAndRecall() {
        int predicted = 0;
        int expected = 0;
        int hits = 0;
        List<String> misses = new ArrayList<>();
        for (Expected page : corpus) {
            List<String> titles = parsed.get(page.page()).articles().stream().map(SegmentedArticle::title).toList();
            List<String> remaining = new ArrayList<>(page.titles());
            for (String title : titles) {
                if (remaining.remove(title)) {
                    hits++;
                } else {
                    misses.add(page.page() + ": unexpected title '" + title + "'");
                }
            }
            remaining.forEach(t -> misses.add(page.page() + ": missed title '" + t + "'"));
            predicted += titles.size();
            expected += page.titles().size();
        }
        double precision = (double) hits / predicted;
        double recall = (double) hits / expected;
        System.out.printf(Locale.ROOT, "Article boundaries over %d pages: precision %.3f (%d/%d), recall %.3f (%d/%d)%n",
                corpus.size(), precision, hits, predicted, recall, hits, expected);
        misses.forEach(m -> System.out.println("  " + m));
        assertThat(precision).as("precision; misses: %s", misses).isGreaterThanOrEqualTo(REQUIRED);
        assertThat(recall).as("recall; misses: %s", misses).isGreaterThanOrEqualTo(REQUIRED);
    }

    @Test
    void keepsSubheadingsInsideTheirArticles() {
        int expected = 0;
        int found = 0;
        for (Expected page : corpus) {
            for (SegmentedArticle article : parsed.get(page.page()).articles()) {
                List<String> wanted = page.subheadings().getOrDefault(article.title(), List.of());
                List<String> got = article.body().stream().filter(b -> b.kind() == BodyBlock.Kind.SUBHEADING)
                        .map(BodyBlock::text).toList();
                expected += wanted.size();
                found += (int) wanted.stream().filter(got::contains).count();
            }
        }
        double recall = (double) found / expected;
        System.out.printf(Locale.ROOT, "Subheadings kept in their article: %d of %d (%.3f)%n", found, expected, recall);
        assertThat(recall).isGreaterThanOrEqualTo(SUBHEADINGS_REQUIRED);
    }

    @Test
    void readsEveryPageDateAndCountsEachQuoteOnce() {
        for (Expected page : corpus) {
            SegmentedPage result = parsed.get(page.page());
            assertThat(result.date()).as(page.page()).isEqualTo(page.date());
            assertThat(result.quotes()).as(page.page()).hasSize(page.quotes());
        }
    }

    @Test
    void givesEveryLineOfEveryPageExactlyOneRole() {
        for (SegmentedPage page : parsed.values()) {
            assertThat(page.lines()).allSatisfy(line -> assertThat(line.role()).isNotNull());
            assertThat(page.lines()).extracting(ClassifiedLine::number)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, page.lines().size()).boxed().toList());
        }
    }

    private static Expected expected(String page, List<String> lines) {
        LocalDate date = null;
        int quotes = 0;
        List<String> titles = new ArrayList<>();
        Map<String, List<String>> subheadings = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("date: ")) {
                String value = line.substring(6).strip();
                date = value.equals("none") ? null : LocalDate.parse(value);
            } else if (line.startsWith("quotes: ")) {
                quotes = Integer.parseInt(line.substring(8).strip());
            } else if (line.startsWith("= ")) {
                titles.add(line.substring(2));
            } else if (line.startsWith("- ")) {
                subheadings.computeIfAbsent(titles.getLast(), t -> new ArrayList<>()).add(line.substring(2));
            }
        }
        return new Expected(page, date, quotes, titles, subheadings);
    }
}

package io.steppewire.ingest.extraction;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The exact text a front page becomes: what {@code POST /api/pages} receives. */
class FrontPageFlattenerFormatTest {

    private static final URI BASE = URI.create("https://front.example/");
    private final FrontPageFlattener flattener = new FrontPageFlattener();

    @Test
    void writesTickerDateAndStoriesSeparatedByBlankLines() {
        String html = """
                <html><body>
                <ul class="fx"><li>KZT/USD 0.00201 0.12%</li><li>TJS/USD 0.09410 -0.37%</li></ul>
                <article><h2><a href="/2">why are farmers moving to drip irrigation?</a></h2>
                <time datetime="2026-03-12">12 March</time>
                <p>Farmers in the Chui valley have doubled the area under drip lines in two years.</p></article>
                <article><h2><a href="/1">Solar\u00a0Park Opens Near Bukhara</a></h2>
                <p>TASHKENT –\u202fA 500-megawatt solar park began feeding the grid on Tuesday.</p>
                <h3>A Second Phase</h3><p>The operator plans a second phase next spring.</p>
                <figure><figcaption>The park at dawn. Photo: Aigerim Sadykova</figcaption></figure></article>
                </body></html>""";

        String page = flattener.flatten(html, BASE, Instant.parse("2026-03-14T06:00:00Z"));

        assertThat(page).isEqualTo("""
                • KZT/USD = 0.00201 0.12%
                  • TJS/USD = 0.09410 -0.37%
                14 March 2026

                Why Are Farmers Moving to Drip Irrigation?
                12 March 2026

                Farmers in the Chui valley have doubled the area under drip lines in two years.

                Solar Park Opens Near Bukhara

                TASHKENT – A 500-megawatt solar park began feeding the grid on Tuesday.

                A Second Phase

                Image: Aigerim Sadykova

                The operator plans a second phase next spring.
                """);
    }

    @Test
    void dropsTheDateLineOfAStoryTheSegmenterWouldOtherwiseMergeIntoTheFeatureAbove() {
        String html = """
                <html><body>
                <article><h2><a href="/1">Notes From Saryarka: The Salt Lakes That Feed a Village</a></h2>
                <p>Every August the families of Tuzkol cut salt by hand, as their grandparents did.</p>
                <h3>White Fields</h3><p>The salt lies in slabs a hand thick.</p>
                <h3>A Market That Shrinks</h3><p>Buyers from Karaganda come less often.</p></article>
                <article><h2><a href="/2">Tashkent Airport Opens a Second Runway</a></h2>
                <time datetime="2026-03-13">13 March</time>
                <p>TASHKENT – The new runway can take the largest passenger jets.</p></article>
                </body></html>""";

        String page = flattener.flatten(html, BASE, Instant.parse("2026-03-14T06:00:00Z"));

        assertThat(page).doesNotContain("13 March 2026").contains("""
                Tashkent Airport Opens a Second Runway

                TASHKENT – The new runway""");
        assertThat(new io.steppewire.ingest.segmenter.PageSegmenter().segment(page).articles()).hasSize(2);
    }

    @Test
    void movesAPhotoCreditThatEndsAStoryAboveItsLastParagraph() {
        String html = """
                <html><body>
                <article><h2><a href="/1">Solar Park Opens Near Bukhara</a></h2>
                <p>A 500-megawatt solar park began feeding the grid on Tuesday.</p>
                <p>The operator plans a second phase next spring.</p>
                <figure><figcaption>The park at dawn. Photo: Aigerim Sadykova</figcaption></figure></article>
                <article><h2><a href="/2">Farmers Switch to Drip Irrigation</a></h2>
                <p>Farmers in the Chui valley have doubled the area under drip lines in two years.</p></article>
                </body></html>""";

        String page = flattener.flatten(html, BASE, Instant.parse("2026-03-14T06:00:00Z"));

        assertThat(page).contains("""
                Image: Aigerim Sadykova

                The operator plans a second phase next spring.

                Farmers Switch to Drip Irrigation
                """);
    }

    @Test
    void writesOnlyTheFetchDayForAPageWithoutStories() {
        assertThat(flattener.flatten("<html><body><nav><a href='/'>Home</a></nav></body></html>", BASE,
                Instant.parse("2026-03-14T23:59:59Z"))).isEqualTo("14 March 2026\n");
    }

    @Test
    void staysFastOnDeeplyNestedAndHugePages() {
        // jsoup nests at most 512 levels deep and lays deeper elements side by side: 400 keeps the story whole.
        String nested = "<div>".repeat(400) + "<h2><a href='/1'>Deep Story</a></h2><p>Deep text.</p>" + "</div>".repeat(400);
        String deeper = "<div>".repeat(5_000) + "<h2><a href='/1'>Deep Story</a></h2><p>Deep text.</p>" + "</div>".repeat(5_000);
        String huge = "<html><body>" + "<article><h2><a href='/1'>A Story</a></h2><p>Its text, again.</p></article>".repeat(5_000)
                + "</body></html>";

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThat(flattener.flatten(nested, BASE, Instant.EPOCH)).contains("Deep Story");
            assertThat(flattener.flatten(deeper, BASE, Instant.EPOCH)).startsWith("1 January 1970");
            assertThat(flattener.flatten(huge, BASE, Instant.EPOCH)).contains("A Story");
        });
    }

    @Test
    void neverThrowsOnBrokenMarkup() {
        assertThatCode(() -> flattener.flatten("<h2><a>Unclosed <p>text • KZT/USD 1E5 9%", BASE, Instant.EPOCH))
                .doesNotThrowAnyException();
    }
}

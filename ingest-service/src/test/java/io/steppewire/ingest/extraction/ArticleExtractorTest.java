package io.steppewire.ingest.extraction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ArticleExtractorTest {

    private static final URI URL = URI.create("https://news.example/story");
    private final ArticleExtractor extractor = new ArticleExtractor();

    @Test
    void normalisesUnicodeSpacesInTitleBylineAndParagraphs() {
        String html = """
                <html lang="en"><head><title>Gold\u00a0Output\u202fRises | Mining Asia</title></head><body><article>
                <h1>Gold\u00a0Output\u202fRises</h1><p class="byline">By\u00a0Bolot\u2009Abdraimov</p>
                <p>\ufeffKumtor produced 19.6\u00a0tonnes of gold,\u200b the company said\u2007on Friday, a record for the mine.</p>
                <p>The output for this year is planned at 18\u202ftonnes as the pit\u200dgets deeper and the ore poorer.</p>
                </article></body></html>""";

        ExtractedArticle article = extractor.extract(html, URL);

        assertThat(article.title()).isEqualTo("Gold Output Rises");
        assertThat(article.byline()).isEqualTo("Bolot Abdraimov");
        assertThat(article.paragraphs()).containsExactly(
                "Kumtor produced 19.6 tonnes of gold, the company said on Friday, a record for the mine.",
                "The output for this year is planned at 18 tonnes as the pit gets deeper and the ore poorer.");
        String all = article.title() + article.byline() + String.join("", article.paragraphs());
        assertThat(all.chars()).noneMatch(c -> c == 0xA0 || c == 0x2007 || c == 0x202F || c == 0x2009
                || (c >= 0x200B && c <= 0x200D) || c == 0xFEFF);
    }

    @Test
    void prefersThePublicationTimeOverTheUpdateTime() {
        String html = """
                <html><body><article><h1>Tariffs Rise Again</h1>
                <p>Updated <time datetime="2026-03-15T10:00:00Z">15 March</time></p>
                <p>Published <time datetime="2026-03-14T08:00:00+05:00">14 March</time></p>
                <p>Households will pay about twelve per cent more for electricity from May, the ministry said.</p>
                </article></body></html>""";

        assertThat(extractor.extract(html, URL).publishedAt()).isEqualTo(Instant.parse("2026-03-14T03:00:00Z"));
    }

    @Test
    void dropsShareButtonsRelatedLinksNewsletterBoxesAndCookieBannersFromTheBody() {
        String html = """
                <html><body>
                <div class="cookie-banner"><p>We use cookies to give you the best experience on our website.</p></div>
                <article><h1>Ferry Route Reopens</h1>
                <div class="share-tools"><a href="/fb">Facebook</a> <a href="/x">X</a></div>
                <p>Passenger ferries between Turkmenbashi and Baku resumed on Tuesday after a break of almost three years.</p>
                <div class="newsletter-signup"><p>Sign up for our morning newsletter and never miss a story again.</p></div>
                <p class="related">Related: <a href="/other">New tanker fleet for Baku</a></p>
                <p>Two sailings a week will carry passengers and up to sixty lorries each, the company said.</p>
                <figure><img src="a.jpg"><figcaption>The ferry in port. Photo: Merdan Ataev</figcaption></figure>
                </article></body></html>""";

        assertThat(extractor.extract(html, URL).paragraphs()).containsExactly(
                "Passenger ferries between Turkmenbashi and Baku resumed on Tuesday after a break of almost three years.",
                "Two sailings a week will carry passengers and up to sixty lorries each, the company said.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "Tariffs Rise Again | Energy Watch; Energy Watch; Tariffs Rise Again",
            "Energy Watch | Tariffs Rise Again; Energy Watch; Tariffs Rise Again",
            "Tariffs Rise Again | Energy Watch; ; Tariffs Rise Again",
            "Household Tariffs Rise Again – Energy Watch; ; Household Tariffs Rise Again",
            "Kazakhstan – Uzbekistan Border Reopens; ; Kazakhstan – Uzbekistan Border Reopens",
            "Tariffs Rise – Again; ; Tariffs Rise – Again",
            "Letter From Aral: A Sea That Keeps Shrinking; ; Letter From Aral: A Sea That Keeps Shrinking"})
    void takesTheSiteNameOffATitleButNotADashOfTheHeadline(String title, String siteName, String expected) {
        assertThat(PageFacts.withoutSiteName(title, siteName)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain text, no markup at all", "<html>", "<p>unclosed <b>tags <i>everywhere",
            "<script>var x = '</p>';</script>", "<html><body><article></article></body></html>",
            "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"datePublished\": 5}</script>"})
    void neverThrowsOnPagesWithoutAnArticle(String html) {
        assertThatCode(() -> extractor.extract(html, URL)).doesNotThrowAnyException();
    }

    @Test
    void staysFastOnDeeplyNestedAndHugePages() {
        String nested = "<div>".repeat(5_000) + "<p>Deep text, with a comma, and more words than twenty-five.</p>"
                + "</div>".repeat(5_000);
        String huge = "<html><body>" + "<p>One paragraph of text, again and again, for the sake of size.</p>".repeat(20_000)
                + "</body></html>";

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThat(extractor.extract(nested, URL).paragraphs()).isNotEmpty();
            assertThat(extractor.extract(huge, URL).paragraphs()).hasSize(1);
        });
    }
}

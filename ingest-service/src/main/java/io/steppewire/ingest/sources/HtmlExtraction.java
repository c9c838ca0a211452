package io.steppewire.ingest.sources;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * What the front-page and article sources (and full text for feeds) need from HTML extraction, which lives in
 * {@code io.steppewire.ingest.extraction}; an adapter bean implements it over that package's
 * {@code FrontPageFlattener} and {@code ArticleExtractor}. Without such a bean these sources fail with reason
 * {@code extraction_unavailable}, and feeds keep their summaries.
 */
public interface HtmlExtraction {

    /** The text page format that {@code POST /api/pages} accepts. */
    String flattenFrontPage(String html, URI baseUrl, Instant fetchedAt);

    /** The main content of one article page. */
    Article extractArticle(String html, URI url);

    /** An article page's main content; publishedAt is null when the page gives no date. */
    record Article(String title, @Nullable Instant publishedAt, @Nullable String byline, List<String> paragraphs) {
    }
}

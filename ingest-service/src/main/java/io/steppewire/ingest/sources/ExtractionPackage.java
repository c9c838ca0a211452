package io.steppewire.ingest.sources;

import io.steppewire.ingest.extraction.ArticleExtractor;
import io.steppewire.ingest.extraction.ExtractedArticle;
import io.steppewire.ingest.extraction.FrontPageFlattener;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Instant;

/** Front pages and article pages read by the extraction package: its flattener and its readability-style extractor. */
@Component
class ExtractionPackage implements HtmlExtraction {

    private final FrontPageFlattener flattener = new FrontPageFlattener();
    private final ArticleExtractor extractor = new ArticleExtractor();

    @Override
    public String flattenFrontPage(String html, URI baseUrl, Instant fetchedAt) {
        return flattener.flatten(html, baseUrl, fetchedAt);
    }

    @Override
    public Article extractArticle(String html, URI url) {
        ExtractedArticle extracted = extractor.extract(html, url);
        return new Article(extracted.title(), extracted.publishedAt(), extracted.byline(), extracted.paragraphs());
    }
}

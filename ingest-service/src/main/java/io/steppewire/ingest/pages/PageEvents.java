package io.steppewire.ingest.pages;

import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;

import java.util.List;

/**
 * What one page publishes, all of it or none: its articles (to {@code news.articles.v1}) and its ticker's quotes (to
 * {@code fx.quotes.v1}), as {@link IngestPage} made them.
 *
 * @param source the site the page came from
 */
public record PageEvents(String source, List<ArticleIngested> articles, List<RateQuoted> quotes) {

    public PageEvents {
        articles = List.copyOf(articles);
        quotes = List.copyOf(quotes);
    }
}

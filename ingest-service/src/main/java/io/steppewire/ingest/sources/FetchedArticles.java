package io.steppewire.ingest.sources;

import io.steppewire.events.article.ArticleIngested;

import java.util.List;

/**
 * What one fetch of one source publishes: its new and revised articles, all of them or none.
 *
 * @param type   the source's type, which picks the stream function (and so the binding) that publishes them
 * @param source the source's name, as the articles carry it
 */
public record FetchedArticles(SourceType type, String source, List<ArticleIngested> articles) {

    public FetchedArticles {
        articles = List.copyOf(articles);
    }
}

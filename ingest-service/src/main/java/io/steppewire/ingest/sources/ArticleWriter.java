package io.steppewire.ingest.sources;

import io.steppewire.events.article.ArticleIngested;

import java.util.List;

/** Puts one fetch's articles on the articles topic: all of them or none. */
public interface ArticleWriter {

    /** @throws RuntimeException when the articles were not committed; none of them is visible then */
    void publish(List<ArticleIngested> articles);
}

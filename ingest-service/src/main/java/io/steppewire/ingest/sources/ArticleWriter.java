package io.steppewire.ingest.sources;

/** Puts one fetch's articles on the articles topic: all of them or none. */
public interface ArticleWriter {

    /**
     * Returns only once Kafka has committed them.
     *
     * @throws RuntimeException when the articles were not committed; none of them is visible then
     */
    void publish(FetchedArticles fetch);
}

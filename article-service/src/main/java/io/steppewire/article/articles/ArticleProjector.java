package io.steppewire.article.articles;

import io.steppewire.article.projection.BatchProjection;
import io.steppewire.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Projects {@code news.articles.v1} into the articles collection. */
@Component
public class ArticleProjector {

    static final String STREAM = "articles";

    private final BatchProjection projection;
    private final ArticleStore store;

    public ArticleProjector(BatchProjection projection, ArticleStore store) {
        this.projection = projection;
        this.store = store;
    }

    @KafkaListener(id = "article-projection", idIsGroup = false, topics = "#{T(io.steppewire.events.Topics).ARTICLES.name()}",
            autoStartup = "${steppewire.projection.listeners-enabled:true}")
    public void projectArticles(List<ConsumerRecord<String, byte[]>> records) {
        projection.project(STREAM, Topics.ARTICLES, records, store::upsertAll);
    }
}

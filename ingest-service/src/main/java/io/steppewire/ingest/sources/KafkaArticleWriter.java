package io.steppewire.ingest.sources;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes a fetch's articles in one Kafka transaction through the service's transactional {@link KafkaTemplate}, the
 * same producer, serializer (the events catalogue's) and record form as {@code POST /api/pages}: key = article id,
 * CloudEvents headers, event id from article id and sighting.
 */
public class KafkaArticleWriter implements ArticleWriter {

    static final String CLOUD_EVENT_SOURCE = "/steppewire/ingest-service";

    private final KafkaTemplate<String, Object> kafka;
    private final Duration timeout;

    public KafkaArticleWriter(KafkaTemplate<String, Object> kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    @Override
    public void publish(List<ArticleIngested> articles) {
        if (articles.isEmpty()) {
            return;
        }
        kafka.executeInTransaction(operations -> {
            CompletableFuture<?>[] sends = articles.stream().map(a -> operations.send(record(a)))
                    .toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(sends).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge the articles: " + e.getMessage(), e);
            }
            return sends.length;
        });
    }

    static ProducerRecord<String, Object> record(ArticleIngested article) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.ARTICLES.name(), article.articleId(), article);
        CloudEvent.of(Topics.ARTICLES, eventId(article), CLOUD_EVENT_SOURCE, article.ingestedAt(), article.articleId())
                .writeTo(record.headers());
        return record;
    }

    /** The same derivation as a page's articles: one event id per article and sighting (here: content revision). */
    static String eventId(ArticleIngested article) {
        return EventIds.of("article-ingested", article.articleId(), article.pageId());
    }
}

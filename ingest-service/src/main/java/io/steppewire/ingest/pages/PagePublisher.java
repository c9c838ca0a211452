package io.steppewire.ingest.pages;

import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes all events of one page in one Kafka transaction: the page's articles and quotes are all
 * in Kafka or none are. Returns only after the commit, so a 202 means the events are durable.
 */
@Component
class PagePublisher {

    private final KafkaTemplate<String, Object> kafka;
    private final Duration timeout;

    PagePublisher(KafkaTemplate<String, Object> kafka, IngestProperties properties) {
        this.kafka = kafka;
        this.timeout = properties.publishTimeout();
    }

    /** @throws PublishFailedException when Kafka did not take the whole page; nothing of it is visible then */
    void publish(List<ArticleIngested> articles, List<RateQuoted> quotes) {
        try {
            kafka.executeInTransaction(operations -> {
                List<CompletableFuture<SendResult<String, Object>>> sends = new ArrayList<>();
                for (ArticleIngested article : articles) {
                    sends.add(operations.send(articleRecord(article)));
                }
                for (RateQuoted quote : quotes) {
                    sends.add(operations.send(quoteRecord(quote)));
                }
                awaitAll(sends);
                return sends.size();
            });
        } catch (RuntimeException e) {
            throw new PublishFailedException("Kafka did not commit the page's events: " + rootMessage(e), e);
        }
    }

    private void awaitAll(List<CompletableFuture<SendResult<String, Object>>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(rootMessage(e), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement within " + timeout, e);
        }
    }

    static ProducerRecord<String, Object> articleRecord(ArticleIngested article) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.ARTICLES.name(), article.articleId(), article);
        PageCloudEvents.article(article).writeTo(record.headers());
        return record;
    }

    static ProducerRecord<String, Object> quoteRecord(RateQuoted quote) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.QUOTES.name(), quote.pair(), quote);
        PageCloudEvents.quote(quote).writeTo(record.headers());
        return record;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}

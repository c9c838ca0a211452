package io.steppewire.events;

import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;

import java.time.Duration;
import java.util.List;

/** The topic catalogue: every topic of steppewire, its key, payload and event type. */
public final class Topics {

    /**
     * One article may carry nearly a whole 5 MB page; ingest-service's producer allows requests of this size.
     * Articles, quotes and rate changes are kept for good, since the read store is rebuilt by replaying them;
     * alerts live in notify-service's store and are kept on the broker for downstream consumers for 30 days.
     */
    public static final int MAX_ARTICLE_RECORD_BYTES = 6_291_456;

    /** Articles found on ingested pages and feeds; written by ingest-service. */
    public static final Topic<ArticleIngested> ARTICLES =
            new Topic<>("news.articles.v1", ArticleIngested.class, "steppewire.article.ingested.v1", "article id",
                    "schemas/article-ingested.v1.schema.json",
                    TopicStorage.keepForever(Topics.MAX_ARTICLE_RECORD_BYTES));

    /** Currency quotes in canonical pair direction; written by ingest-service (page tickers) and rates-service (quote API). */
    public static final Topic<RateQuoted> QUOTES =
            new Topic<>("fx.quotes.v1", RateQuoted.class, "steppewire.rate.quoted.v1", "pair, as BASE/QUOTE",
                    "schemas/rate-quoted.v1.schema.json",
                    TopicStorage.keepForever(TopicStorage.DEFAULT_MAX_RECORD_BYTES));

    /** Changes of a pair's rate with their precision-aware interval; written by rates-service. */
    public static final Topic<RateChanged> RATE_CHANGES =
            new Topic<>("fx.rate-changes.v1", RateChanged.class, "steppewire.rate.changed.v1", "pair, as BASE/QUOTE",
                    "schemas/rate-changed.v1.schema.json",
                    TopicStorage.keepForever(TopicStorage.DEFAULT_MAX_RECORD_BYTES));

    /** Alerts raised for subscriptions; written by notify-service. */
    public static final Topic<AlertRaised> ALERTS =
            new Topic<>("alerts.v1", AlertRaised.class, "steppewire.alert.raised.v1", "subscription id",
                    "schemas/alert-raised.v1.schema.json",
                    new TopicStorage(Duration.ofDays(30), TopicStorage.DEFAULT_MAX_RECORD_BYTES));

    /** The default number of partitions of each topic; operators may configure more. */
    public static final int DEFAULT_PARTITIONS = 6;

    public static List<Topic<?>> all() {
        return List.of(ARTICLES, QUOTES, RATE_CHANGES, ALERTS);
    }

    private Topics() {
    }
}

package io.steppewire.events;

import io.steppewire.events.alert.AlertRaised;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;

import java.util.List;

/** The topic catalogue: every topic of steppewire, its key, payload and event type. */
public final class Topics {

    /** Articles found on ingested pages and feeds; written by ingest-service. */
    public static final Topic<ArticleIngested> ARTICLES =
            new Topic<>("news.articles.v1", ArticleIngested.class, "steppewire.article.ingested.v1", "article id",
                    "schemas/article-ingested.v1.schema.json");

    /** Currency quotes in canonical pair direction; written by ingest-service (page tickers) and rates-service (quote API). */
    public static final Topic<RateQuoted> QUOTES =
            new Topic<>("fx.quotes.v1", RateQuoted.class, "steppewire.rate.quoted.v1", "pair, as BASE/QUOTE",
                    "schemas/rate-quoted.v1.schema.json");

    /** Changes of a pair's rate with their precision-aware interval; written by rates-service. */
    public static final Topic<RateChanged> RATE_CHANGES =
            new Topic<>("fx.rate-changes.v1", RateChanged.class, "steppewire.rate.changed.v1", "pair, as BASE/QUOTE",
                    "schemas/rate-changed.v1.schema.json");

    /** Alerts raised for subscriptions; written by notify-service. */
    public static final Topic<AlertRaised> ALERTS =
            new Topic<>("alerts.v1", AlertRaised.class, "steppewire.alert.raised.v1", "subscription id",
                    "schemas/alert-raised.v1.schema.json");

    /** The default number of partitions of each topic; operators may configure more. */
    public static final int DEFAULT_PARTITIONS = 6;

    public static List<Topic<?>> all() {
        return List.of(ARTICLES, QUOTES, RATE_CHANGES, ALERTS);
    }

    private Topics() {
    }
}

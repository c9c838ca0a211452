package io.steppewire.ingest.pages;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;

/**
 * The CloudEvents attributes of ingest's records, whoever writes them (the page endpoint's template or the binder), so
 * a consumer cannot tell the two paths apart: one event id per article and sighting, one per quote.
 */
public final class PageCloudEvents {

    public static final String SOURCE = "/steppewire/ingest-service";

    private PageCloudEvents() {
    }

    /** Keyed and subject by article id; the event id follows the article and the page (or revision) it was seen on. */
    public static CloudEvent article(ArticleIngested article) {
        return CloudEvent.of(Topics.ARTICLES, EventIds.of("article-ingested", article.articleId(), article.pageId()),
                SOURCE, article.ingestedAt(), article.articleId());
    }

    /** Keyed and subject by pair, so one pair's quotes stay in order on one partition. */
    public static CloudEvent quote(RateQuoted quote) {
        return CloudEvent.of(Topics.QUOTES, quote.quoteId(), SOURCE, quote.asOf(), quote.pair());
    }
}

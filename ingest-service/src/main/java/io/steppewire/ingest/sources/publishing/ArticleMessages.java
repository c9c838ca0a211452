package io.steppewire.ingest.sources.publishing;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.ingest.sources.FetchedArticles;
import io.steppewire.ingest.sources.SourceType;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.util.List;
import java.util.function.Function;

/**
 * The stream function of one source type: a fetch's articles as the records {@code POST /api/pages} writes, key =
 * article id, CloudEvents attributes as raw header bytes, event id from article id and sighting. The payload stays the
 * event itself: the binding encodes natively with the events catalogue's serializer.
 */
public final class ArticleMessages implements Function<FetchedArticles, List<Message<ArticleIngested>>> {

    static final String CLOUD_EVENT_SOURCE = "/steppewire/ingest-service";

    private final SourceType type;

    public ArticleMessages(SourceType type) {
        this.type = type;
    }

    @Override
    public List<Message<ArticleIngested>> apply(FetchedArticles fetch) {
        if (fetch.type() != type) {
            // A fetch handed to another type's binding would be published under that binding's settings.
            throw new IllegalArgumentException("The " + type.wireName() + " function got a fetch of a "
                    + fetch.type().wireName() + " source (" + fetch.source() + ")");
        }
        return fetch.articles().stream().map(ArticleMessages::message).toList();
    }

    static Message<ArticleIngested> message(ArticleIngested article) {
        RecordHeaders cloudEvent = new RecordHeaders();
        CloudEvent.of(Topics.ARTICLES, eventId(article), CLOUD_EVENT_SOURCE, article.ingestedAt(), article.articleId())
                .writeTo(cloudEvent);
        MessageBuilder<ArticleIngested> message = MessageBuilder.withPayload(article)
                .setHeader(KafkaHeaders.KEY, article.articleId());
        for (Header header : cloudEvent) {
            // Bytes, so the binder's header mapper writes them as they are rather than as JSON strings.
            message.setHeader(header.key(), header.value());
        }
        return message.build();
    }

    /** The same derivation as a page's articles: one event id per article and sighting (here: content revision). */
    static String eventId(ArticleIngested article) {
        return EventIds.of("article-ingested", article.articleId(), article.pageId());
    }
}

package io.steppewire.ingest.sources.publishing;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.ingest.pages.PageCloudEvents;
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
 * article id, the page path's CloudEvents attributes ({@link PageCloudEvents}) as raw header bytes. The payload stays
 * the event itself: the binding encodes natively with the events catalogue's serializer.
 */
public final class ArticleMessages implements Function<FetchedArticles, List<Message<ArticleIngested>>> {

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
        MessageBuilder<ArticleIngested> message = MessageBuilder.withPayload(article)
                .setHeader(KafkaHeaders.KEY, article.articleId());
        setCloudEventHeaders(message, PageCloudEvents.article(article));
        return message.build();
    }

    /** As raw bytes, so the binder's header mapper writes them as they are rather than as JSON strings. */
    static void setCloudEventHeaders(MessageBuilder<?> message, CloudEvent event) {
        for (Header header : event.writeTo(new RecordHeaders())) {
            message.setHeader(header.key(), header.value());
        }
    }
}

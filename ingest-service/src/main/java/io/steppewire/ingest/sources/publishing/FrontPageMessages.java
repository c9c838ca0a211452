package io.steppewire.ingest.sources.publishing;

import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.pages.PageCloudEvents;
import io.steppewire.ingest.pages.PageEvents;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The front-page source's stream function: a fetched front page's articles and ticker quotes as the records
 * {@code POST /api/pages} writes for a page. Its one output binding goes to the articles topic; each quote names
 * {@code fx.quotes.v1} in {@link KafkaHeaders#TOPIC}, which the binding honours ({@code use-topic-header}), so a page's
 * articles and quotes leave through one producer in one transaction.
 */
public final class FrontPageMessages implements Function<PageEvents, List<Message<?>>> {

    @Override
    public List<Message<?>> apply(PageEvents page) {
        List<Message<?>> messages = new ArrayList<>(page.articles().size() + page.quotes().size());
        page.articles().forEach(article -> messages.add(ArticleMessages.message(article)));
        page.quotes().forEach(quote -> messages.add(message(quote)));
        return messages;
    }

    static Message<RateQuoted> message(RateQuoted quote) {
        MessageBuilder<RateQuoted> message = MessageBuilder.withPayload(quote)
                .setHeader(KafkaHeaders.KEY, quote.pair())
                .setHeader(KafkaHeaders.TOPIC, Topics.QUOTES.name());
        ArticleMessages.setCloudEventHeaders(message, PageCloudEvents.quote(quote));
        return message.build();
    }
}

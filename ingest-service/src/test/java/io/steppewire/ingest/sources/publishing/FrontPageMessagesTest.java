package io.steppewire.ingest.sources.publishing;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.pages.PageEvents;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FrontPageMessagesTest {

    private static final Instant NOW = Instant.parse("2026-03-14T08:00:00Z");
    private static final String PAGE = EventIds.of("page", "steppe-daily", "text");

    @Test
    void sendsArticlesToTheBindingsTopicAndNamesTheQuotesTopicOnEachQuote() {
        ArticleIngested article = article("Almaty Opens a Library in an Old Tram Depot");
        RateQuoted tenge = RateQuoted.fromQuote("KZT/USD", new BigDecimal("0.00201"), new BigDecimal("0.12"),
                Instant.parse("2026-03-14T00:00:00Z"), "steppe-daily", PAGE, NOW);

        List<Message<?>> messages = new FrontPageMessages()
                .apply(new PageEvents("steppe-daily", List.of(article), List.of(tenge)));

        assertThat(messages).extracting(message -> (Object) message.getPayload()).containsExactly(article, tenge);
        Message<?> articleMessage = messages.getFirst();
        assertThat(articleMessage.getHeaders()).doesNotContainKey(KafkaHeaders.TOPIC)
                .containsEntry(KafkaHeaders.KEY, article.articleId());
        Message<?> quoteMessage = messages.get(1);
        assertThat(quoteMessage.getHeaders()).containsEntry(KafkaHeaders.TOPIC, Topics.QUOTES.name())
                .containsEntry(KafkaHeaders.KEY, "KZT/USD");
        assertThat(quoteMessage.getHeaders().get(CloudEvent.ID, byte[].class)).asString(StandardCharsets.UTF_8)
                .isEqualTo(tenge.quoteId());
        assertThat(quoteMessage.getHeaders().get(CloudEvent.TYPE, byte[].class)).asString(StandardCharsets.UTF_8)
                .isEqualTo(CloudEvent.of(Topics.QUOTES, tenge.quoteId(), "/steppewire/ingest-service", tenge.asOf(),
                        tenge.pair()).type());
    }

    private static ArticleIngested article(String title) {
        return new ArticleIngested(EventIds.article("steppe-daily", title, "A lede."), "steppe-daily", PAGE, null, title,
                List.of(BodyBlock.paragraph("A lede.")), LocalDate.parse("2026-03-14"), NOW, NOW, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }
}

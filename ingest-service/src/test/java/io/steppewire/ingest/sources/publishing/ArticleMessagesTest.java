package io.steppewire.ingest.sources.publishing;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.ingest.sources.FetchedArticles;
import io.steppewire.ingest.sources.SourceType;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticleMessagesTest {

    private static final Instant NOW = Instant.parse("2026-03-14T08:00:00Z");

    @Test
    void turnsEachArticleIntoOneMessageKeyedByItsIdWithCloudEventBytes() {
        ArticleIngested first = article("Almaty Opens a Library in an Old Tram Depot");
        ArticleIngested second = article("Tenge Steady Before the Central Bank Meeting");

        List<Message<ArticleIngested>> messages = new ArticleMessages(SourceType.FEED)
                .apply(new FetchedArticles(SourceType.FEED, "times-ca", List.of(first, second)));

        assertThat(messages).extracting(Message::getPayload).containsExactly(first, second);
        Message<ArticleIngested> message = messages.getFirst();
        assertThat(message.getHeaders().get(KafkaHeaders.KEY)).isEqualTo(first.articleId());
        assertThat(message.getHeaders().get(CloudEvent.ID, byte[].class))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(EventIds.of("article-ingested", first.articleId(), first.pageId()));
        assertThat(message.getHeaders().get(CloudEvent.SUBJECT, byte[].class))
                .asString(StandardCharsets.UTF_8).isEqualTo(first.articleId());
    }

    @Test
    void refusesAFetchOfAnotherSourceType() {
        FetchedArticles articleFetch = new FetchedArticles(SourceType.ARTICLE, "times-ca",
                List.of(article("Bishkek Repaints Its Trolleybuses")));

        assertThatThrownBy(() -> new ArticleMessages(SourceType.FEED).apply(articleFetch))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got a fetch of a article source");
    }

    private static ArticleIngested article(String title) {
        return new ArticleIngested(EventIds.article("times-ca", title, "A lede."), "times-ca",
                EventIds.of("page", "times-ca", title), null, title, List.of(BodyBlock.paragraph("A lede.")),
                LocalDate.parse("2026-03-14"), NOW, NOW, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }
}

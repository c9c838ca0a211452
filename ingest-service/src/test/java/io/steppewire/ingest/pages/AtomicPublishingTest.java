package io.steppewire.ingest.pages;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.support.IngestServiceTest;
import io.steppewire.events.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A page's events are all committed or none are: a reader of committed data never sees half a page. */
@IngestServiceTest
class AtomicPublishingTest {

    private static final Instant NOW = Instant.parse("2026-03-14T08:00:00Z");

    @Autowired
    private PagePublisher publisher;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Test
    void showsNothingOfAPageWhoseLastEventKafkaRefused() {
        String source = "atomic-" + UUID.randomUUID().toString().substring(0, 8);
        String failedPage = EventIds.of("page", source, "failed");
        ArticleIngested fine = article(source, failedPage, "Almaty Opens a Library in an Old Tram Depot", "A lede.");
        // Larger than any record the producer and topic accept, so Kafka refuses it inside the transaction.
        ArticleIngested tooLarge = article(source, failedPage, "A Very Long Report on the Harvest",
                "x".repeat(7 * 1024 * 1024));

        assertThatThrownBy(() -> publisher.publish(List.of(fine, tooLarge), List.of(quote(source, failedPage))))
                .isInstanceOfSatisfying(PublishFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.headers().getFirst("Retry-After")).isEqualTo(PublishFailedException.RETRY_AFTER_SECONDS);
                    assertThat(e.getMessage()).contains("Nothing of this page was published");
                });

        String nextPage = EventIds.of("page", source, "next");
        ArticleIngested marker = article(source, nextPage, "Bishkek Repaints Its Trolleybuses", "Another lede.");
        publisher.publish(List.of(marker), List.of(quote(source, nextPage)));

        try (TopicReader<ArticleIngested> articles = new TopicReader<>(brokers, Topics.ARTICLES.name(),
                Topics.ARTICLES.valueSerde().deserializer());
             TopicReader<RateQuoted> quotes = new TopicReader<>(brokers, Topics.QUOTES.name(),
                     Topics.QUOTES.valueSerde().deserializer())) {
            List<ConsumerRecord<String, ArticleIngested>> seen = articles.readUntil(
                    r -> r.value().pageId().equals(nextPage));
            assertThat(seen).noneMatch(r -> r.value().pageId().equals(failedPage));
            List<ConsumerRecord<String, RateQuoted>> seenQuotes = quotes.readUntil(
                    r -> nextPage.equals(r.value().pageId()));
            assertThat(seenQuotes).noneMatch(r -> failedPage.equals(r.value().pageId()));
        }
    }

    private static ArticleIngested article(String source, String pageId, String title, String lede) {
        return new ArticleIngested(EventIds.article(source, title, lede), source, pageId, null, title,
                List.of(BodyBlock.paragraph(lede)), LocalDate.parse("2026-03-14"), NOW, NOW, List.of("KZ"), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    private static RateQuoted quote(String source, String pageId) {
        return RateQuoted.fromQuote("KZT/USD", new BigDecimal("0.00201"), new BigDecimal("0.12"),
                Instant.parse("2026-03-14T00:00:00Z"), source, pageId, NOW);
    }
}

package io.steppewire.ingest.sources.publishing;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.TopicReader;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.ingest.sources.ArticleWriter;
import io.steppewire.ingest.sources.FetchedArticles;
import io.steppewire.ingest.sources.SourceType;
import io.steppewire.ingest.support.IngestServiceTest;
import io.steppewire.ingest.support.Pages;
import io.steppewire.ingest.support.TestKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A fetch published through its source type's stream function on the Kafka binder: what a read_committed consumer
 * sees of it, that a fetch Kafka refused shows nothing, and that the page endpoint's own transactions go on beside.
 */
@IngestServiceTest
class SourceFunctionPublishingTest {

    private static final Instant NOW = Instant.parse("2026-03-14T08:00:00Z");

    @Autowired
    private ArticleWriter writer;

    @Autowired
    private BinderFactory binders;

    @Autowired
    private ProducerFactory<String, Object> pageProducers;

    @Autowired
    private MockMvc http;

    @Autowired
    private BindingsLifecycleController bindings;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Test
    void publishesAFetchKeyedByArticleWithCloudEventHeadersAndTheCatalogueEncoding() {
        String source = unique("feed");
        String sighting = EventIds.of("page", source, "one");
        ArticleIngested library = article(source, sighting, "Almaty Opens a Library in an Old Tram Depot", "A lede.");
        ArticleIngested tenge = article(source, sighting, "Tenge Steady Before the Central Bank Meeting", "Traders.");

        writer.publish(new FetchedArticles(SourceType.FEED, source, List.of(library, tenge)));

        try (TopicReader<ArticleIngested> articles = reader()) {
            List<ConsumerRecord<String, ArticleIngested>> mine = mine(articles, source, 2);
            assertThat(mine).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(library, tenge);
            assertThat(mine).allSatisfy(record -> {
                ArticleIngested article = record.value();
                assertThat(record.key()).isEqualTo(article.articleId());
                // Exactly the headers of a page's record: nothing of the binder's own (contentType, type hints).
                Map<String, String> expected = new LinkedHashMap<>();
                CloudEvent.of(Topics.ARTICLES, EventIds.of("article-ingested", article.articleId(), article.pageId()),
                        "/steppewire/ingest-service", article.ingestedAt(), article.articleId())
                        .writeTo(new RecordHeaders())
                        .forEach(h -> expected.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                assertThat(headers(record)).isEqualTo(expected);
            });
        }
    }

    @Test
    void showsNothingOfAFetchWhoseLastArticleKafkaRefused() {
        String source = unique("refused");
        String failed = EventIds.of("page", source, "failed");
        ArticleIngested fine = article(source, failed, "Bishkek Repaints Its Trolleybuses", "A lede.");
        // Larger than any record the producer and topic accept, so Kafka refuses it inside the transaction.
        ArticleIngested tooLarge = article(source, failed, "A Very Long Report on the Harvest",
                "x".repeat(7 * 1024 * 1024));

        assertThatThrownBy(() -> writer.publish(new FetchedArticles(SourceType.ARTICLE, source, List.of(fine, tooLarge))))
                .hasMessageContaining("Kafka did not commit the fetch's articles");

        String next = EventIds.of("page", source, "next");
        ArticleIngested marker = article(source, next, "Dushanbe Opens a Night Market", "Another lede.");
        writer.publish(new FetchedArticles(SourceType.ARTICLE, source, List.of(marker)));
        try (TopicReader<ArticleIngested> articles = reader()) {
            List<ConsumerRecord<String, ArticleIngested>> seen = articles.readUntil(r -> r.value().pageId().equals(next));
            assertThat(seen).noneMatch(r -> r.value().pageId().equals(failed));
        }
    }

    @Test
    void keepsThePageEndpointsTransactionsBesideTheBinders() throws Exception {
        KafkaMessageChannelBinder binder = (KafkaMessageChannelBinder) binders.getBinder(null, MessageChannel.class);
        assertThat(binder.getTransactionalProducerFactory()).isNotNull();
        assertThat(binder.getTransactionalProducerFactory().getTransactionIdPrefix()).as("never fencing each other")
                .startsWith("ingest-sources-").isNotEqualTo(pageProducers.getTransactionIdPrefix());

        String feed = unique("beside");
        String pageSource = unique("page");
        ArticleIngested fetched = article(feed, EventIds.of("page", feed, "one"), "Ashgabat Plants a Million Trees",
                "A lede.");
        writer.publish(new FetchedArticles(SourceType.FEED, feed, List.of(fetched)));
        http.perform(post("/api/pages").param("source", pageSource).header("X-Api-Key", TestKeys.ADMIN)
                        .contentType(MediaType.TEXT_PLAIN).content(Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE)))
                .andExpect(status().isAccepted());
        ArticleIngested after = article(feed, EventIds.of("page", feed, "two"), "Tashkent Extends Its Metro Line",
                "A lede.");
        writer.publish(new FetchedArticles(SourceType.FEED, feed, List.of(after)));

        try (TopicReader<ArticleIngested> articles = reader()) {
            List<ConsumerRecord<String, ArticleIngested>> seen = articles.readUntil(
                    r -> r.value().articleId().equals(after.articleId()));
            assertThat(seen).extracting(ConsumerRecord::value).contains(fetched)
                    .anyMatch(a -> a.source().equals(pageSource));
        }
    }

    /**
     * The connector shape: the same function and bindings, its input binding started (as STEPPEWIRE_INGEST_CONNECTOR
     * does), fed a fetch as JSON through Kafka; the binder's transactional consumer publishes the articles.
     */
    @Test
    void publishesAFetchReadFromTheInputTopicWhenRunAsAConnector() {
        String source = unique("connector");
        ArticleIngested article = article(source, EventIds.of("page", source, "one"),
                "Nukus Opens a Museum of Savitsky Prints", "A lede.");
        String json = "{\"type\":\"feed\",\"source\":\"" + source + "\",\"articles\":["
                + new String(Topics.ARTICLES.valueSerde().serialize(Topics.ARTICLES.name(), article),
                StandardCharsets.UTF_8) + "]}";

        bindings.start(SourceFunctionsConfiguration.input(SourceFunctionsConfiguration.FEED));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringSerializer(), new StringSerializer());
             TopicReader<ArticleIngested> articles = reader()) {
            producer.send(new ProducerRecord<>("steppewire.ingest.fetches.feed", source, json));
            producer.flush();
            List<ConsumerRecord<String, ArticleIngested>> seen = articles.readUntil(
                    r -> r.value().articleId().equals(article.articleId()));
            assertThat(seen).filteredOn(r -> r.value().source().equals(source)).singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo(article.articleId()))
                    .extracting(ConsumerRecord::value).isEqualTo(article);
        } finally {
            bindings.stop(SourceFunctionsConfiguration.input(SourceFunctionsConfiguration.FEED));
        }
    }

    private TopicReader<ArticleIngested> reader() {
        return new TopicReader<>(brokers, Topics.ARTICLES.name(), Topics.ARTICLES.valueSerde().deserializer());
    }

    private static List<ConsumerRecord<String, ArticleIngested>> mine(TopicReader<ArticleIngested> articles,
                                                                      String source, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> articles.poll().stream()
                .filter(r -> r.value().source().equals(source)).count() >= count);
        return articles.poll().stream().filter(r -> r.value().source().equals(source)).toList();
    }

    private static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ArticleIngested article(String source, String pageId, String title, String lede) {
        return new ArticleIngested(EventIds.article(source, title, lede), source, pageId, null, title,
                List.of(BodyBlock.paragraph(lede)), LocalDate.parse("2026-03-14"), NOW, NOW, List.of("KZ"), List.of(),
                List.of(), List.of(), List.of(), List.of());
    }
}

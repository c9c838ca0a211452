package io.steppewire.ingest.sources.publishing;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.TopicReader;
import io.steppewire.events.Topics;
import io.steppewire.events.TraceContext;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.pages.PageEvents;
import io.steppewire.ingest.pages.PageEventsWriter;
import io.steppewire.ingest.sources.support.FixtureServer;
import io.steppewire.ingest.sources.support.FixtureServer.Route;
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
import org.junit.jupiter.api.AfterEach;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A fetch published through its source type's stream function on the Kafka binder: what a read_committed consumer
 * sees of it (a front page's quotes included, keyed and headed as a posted page's), that a fetch Kafka refused shows
 * nothing, that the page endpoint's own transactions go on beside, and the same functions fed from their input topics.
 */
@IngestServiceTest
class SourceFunctionPublishingTest {

    private static final Instant NOW = Instant.parse("2026-03-14T08:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The ticker of extraction/front-pages/01-classic-full-stories.html. */
    private static final List<String> FRONT_PAGE_PAIRS = List.of("KGS/USD", "KZT/USD", "TJS/USD", "UZS/USD", "TMT/USD");

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

    @Autowired
    private PageEventsWriter frontPageWriter;

    private final FixtureServer site = new FixtureServer();

    @AfterEach
    void closeSite() {
        site.close();
    }

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
                // Exactly the headers of a page's record: nothing of the binder's own (contentType, type hints),
                // and the fetch's W3C trace context.
                Map<String, String> expected = new LinkedHashMap<>();
                CloudEvent.of(Topics.ARTICLES, EventIds.of("article-ingested", article.articleId(), article.pageId()),
                        "/steppewire/ingest-service", article.ingestedAt(), article.articleId())
                        .writeTo(new RecordHeaders())
                        .forEach(h -> expected.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                Map<String, String> received = headers(record);
                assertThat(TraceContext.parse(received.remove(TraceContext.TRACEPARENT))).as("the fetch's trace context").isPresent();
                assertThat(received).isEqualTo(expected);
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
                .hasMessageContaining("Kafka did not commit the fetch's events");

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

    @Test
    void publishesAFetchedFrontPagesArticlesAndQuotesKeyedAndHeadedLikeAPostedPage() throws Exception {
        String posted = unique("posted");
        http.perform(post("/api/pages").param("source", posted).header("X-Api-Key", TestKeys.ADMIN)
                        .contentType(MediaType.TEXT_PLAIN).content(Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE)))
                .andExpect(status().isAccepted());
        String fetched = unique("front");
        site.route("/", Route.ok("text/html; charset=utf-8", frontPageHtml()));
        String id = registerFrontPage(fetched);

        JsonNode report = fetchNow(id);

        assertThat(report.path("outcome").asString()).as("%s", report).isEqualTo("new_items");
        int articleCount = report.path("newItems").size();
        assertThat(articleCount).as("the stories of the fixture").isEqualTo(5);
        try (TopicReader<ArticleIngested> articles = reader();
             TopicReader<RateQuoted> quotes = quoteReader()) {
            List<ConsumerRecord<String, ArticleIngested>> frontArticles = mine(articles, fetched, articleCount);
            ConsumerRecord<String, ArticleIngested> postedArticle = mine(articles, posted, 1).getFirst();
            List<ConsumerRecord<String, RateQuoted>> frontQuotes = quotesOf(quotes, fetched, FRONT_PAGE_PAIRS.size());
            ConsumerRecord<String, RateQuoted> postedQuote = quotesOf(quotes, posted, 1).getFirst();

            assertThat(frontArticles).extracting(r -> r.value().title()).containsExactlyInAnyOrderElementsOf(
                    report.path("newItems").valueStream().map(item -> item.path("title").asString()).toList());
            assertThat(frontArticles).allSatisfy(record -> {
                ArticleIngested article = record.value();
                assertThat(record.key()).isEqualTo(article.articleId());
                assertThat(headers(record)).containsOnlyKeys(headers(postedArticle).keySet())
                        .containsEntry(CloudEvent.ID, EventIds.of("article-ingested", article.articleId(),
                                article.pageId()))
                        .containsEntry(CloudEvent.SUBJECT, article.articleId());
                assertThat(withoutPerEventHeaders(headers(record))).isEqualTo(withoutPerEventHeaders(headers(postedArticle)));
            });
            assertThat(java.util.stream.Stream.concat(frontArticles.stream(), frontQuotes.stream())
                    .map(record -> TraceContext.readFrom(record.headers()).map(TraceContext::traceId).orElse("none")).distinct())
                    .as("one fetch, one trace").singleElement().isNotEqualTo("none");
            String pageId = frontArticles.getFirst().value().pageId();
            assertThat(frontQuotes).extracting(r -> r.value().pair())
                    .containsExactlyInAnyOrderElementsOf(FRONT_PAGE_PAIRS);
            assertThat(frontQuotes).allSatisfy(record -> {
                RateQuoted quote = record.value();
                assertThat(quote.pageId()).as("read from the same page as the articles").isEqualTo(pageId);
                assertThat(record.key()).isEqualTo(quote.pair());
                assertThat(headers(record)).containsOnlyKeys(headers(postedQuote).keySet())
                        .containsEntry(CloudEvent.ID, quote.quoteId())
                        .containsEntry(CloudEvent.SUBJECT, quote.pair());
                assertThat(withoutPerEventHeaders(headers(record))).isEqualTo(withoutPerEventHeaders(headers(postedQuote)));
            });
        }
        assertThat(fetchNow(id).path("outcome").asString()).as("the unchanged page again").isEqualTo("nothing_new");
    }

    @Test
    void showsNoArticleNorQuoteOfAFrontPageWhoseArticleKafkaRefused() {
        String source = unique("front-refused");
        String failed = EventIds.of("page", source, "failed");
        ArticleIngested fine = article(source, failed, "Bishkek Repaints Its Trolleybuses", "A lede.");
        // Larger than any record the producer and topic accept, so Kafka refuses it inside the transaction.
        ArticleIngested tooLarge = article(source, failed, "A Very Long Report on the Harvest",
                "x".repeat(7 * 1024 * 1024));

        assertThatThrownBy(() -> frontPageWriter.write(new PageEvents(source, List.of(fine, tooLarge),
                List.of(quote(source, failed, "KZT/USD")))))
                .hasMessageContaining("Kafka did not commit the fetch's events");

        String next = EventIds.of("page", source, "next");
        frontPageWriter.write(new PageEvents(source, List.of(article(source, next, "Dushanbe Opens a Night Market",
                "Another lede.")), List.of(quote(source, next, "KZT/USD"))));
        try (TopicReader<ArticleIngested> articles = reader();
             TopicReader<RateQuoted> quotes = quoteReader()) {
            assertThat(articles.readUntil(r -> r.value().pageId().equals(next)))
                    .noneMatch(r -> r.value().pageId().equals(failed));
            assertThat(quotes.readUntil(r -> next.equals(r.value().pageId())))
                    .noneMatch(r -> failed.equals(r.value().pageId()));
        }
    }

    /**
     * The connector shape: the same functions and bindings, their input bindings started (as
     * STEPPEWIRE_INGEST_CONNECTOR does), fed fetches as JSON through Kafka; the binder's transactional consumer
     * publishes a feed's articles, and a front page's articles and quotes.
     */
    @Test
    void publishesFetchesReadFromTheInputTopicsWhenRunAsAConnector() {
        String source = unique("connector");
        ArticleIngested article = article(source, EventIds.of("page", source, "one"),
                "Nukus Opens a Museum of Savitsky Prints", "A lede.");
        String feedFetch = "{\"type\":\"feed\",\"source\":\"" + source + "\",\"articles\":[" + json(article) + "]}";
        String frontSource = unique("connector-front");
        String frontPageId = EventIds.of("page", frontSource, "one");
        ArticleIngested frontArticle = article(frontSource, frontPageId, "Termez Restores Its Buddhist Stupa",
                "A lede.");
        RateQuoted frontQuote = quote(frontSource, frontPageId, "UZS/USD");
        String frontPage = "{\"source\":\"" + frontSource + "\",\"articles\":[" + json(frontArticle)
                + "],\"quotes\":[" + new String(Topics.QUOTES.valueSerde().serialize(Topics.QUOTES.name(), frontQuote),
                StandardCharsets.UTF_8) + "]}";

        List<String> inputs = List.of(SourceFunctionsConfiguration.input(SourceFunctionsConfiguration.FEED),
                SourceFunctionsConfiguration.input(SourceFunctionsConfiguration.FRONT_PAGE));
        inputs.forEach(bindings::start);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringSerializer(), new StringSerializer());
             TopicReader<ArticleIngested> articles = reader();
             TopicReader<RateQuoted> quotes = quoteReader()) {
            producer.send(new ProducerRecord<>("steppewire.ingest.fetches.feed", source, feedFetch));
            producer.send(new ProducerRecord<>("steppewire.ingest.fetches.front-page", frontSource, frontPage));
            producer.flush();
            List<ConsumerRecord<String, ArticleIngested>> seen = articles.readUntil(
                    r -> r.value().articleId().equals(article.articleId()));
            assertThat(seen).filteredOn(r -> r.value().source().equals(source)).singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo(article.articleId()))
                    .extracting(ConsumerRecord::value).isEqualTo(article);
            assertThat(articles.readUntil(r -> r.value().articleId().equals(frontArticle.articleId())))
                    .filteredOn(r -> r.value().source().equals(frontSource)).singleElement()
                    .extracting(ConsumerRecord::value).isEqualTo(frontArticle);
            assertThat(quotes.readUntil(r -> frontSource.equals(r.value().source())))
                    .filteredOn(r -> frontSource.equals(r.value().source())).singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo("UZS/USD"))
                    .extracting(ConsumerRecord::value).isEqualTo(frontQuote);
        } finally {
            inputs.forEach(bindings::stop);
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

    private TopicReader<RateQuoted> quoteReader() {
        return new TopicReader<>(brokers, Topics.QUOTES.name(), Topics.QUOTES.valueSerde().deserializer());
    }

    private static List<ConsumerRecord<String, RateQuoted>> quotesOf(TopicReader<RateQuoted> quotes, String source,
                                                                     int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> quotes.poll().stream()
                .filter(r -> source.equals(r.value().source())).count() >= count);
        return quotes.poll().stream().filter(r -> source.equals(r.value().source())).toList();
    }

    /** The headers every record of a topic shares: its CloudEvents type, source, spec version and content type. */
    private static Map<String, String> withoutPerEventHeaders(Map<String, String> headers) {
        Map<String, String> shared = new LinkedHashMap<>(headers);
        shared.keySet().removeAll(List.of(CloudEvent.ID, CloudEvent.SUBJECT, CloudEvent.TIME, TraceContext.TRACEPARENT));
        return shared;
    }

    private String registerFrontPage(String name) throws Exception {
        String body = """
                {"name": "%s", "type": "front-page", "url": "%s", "intervalSeconds": 3600, "enabled": false}
                """.formatted(name, site.url("/"));
        String answer = http.perform(post("/api/sources").header("X-Api-Key", TestKeys.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(answer).path("id").asString();
    }

    private JsonNode fetchNow(String id) throws Exception {
        return JSON.readTree(http.perform(post("/api/sources/" + id + "/fetch").header("X-Api-Key", TestKeys.ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static byte[] frontPageHtml() throws IOException {
        try (InputStream in = SourceFunctionPublishingTest.class.getClassLoader()
                .getResourceAsStream("extraction/front-pages/01-classic-full-stories.html")) {
            return Objects.requireNonNull(in, "front page fixture").readAllBytes();
        }
    }

    private static String json(ArticleIngested article) {
        return new String(Topics.ARTICLES.valueSerde().serialize(Topics.ARTICLES.name(), article),
                StandardCharsets.UTF_8);
    }

    private static RateQuoted quote(String source, String pageId, String pair) {
        return RateQuoted.fromQuote(pair, new BigDecimal("0.00201"), new BigDecimal("0.12"),
                Instant.parse("2026-03-14T00:00:00Z"), source, pageId, NOW);
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

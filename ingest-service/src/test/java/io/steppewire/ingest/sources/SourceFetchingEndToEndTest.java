package io.steppewire.ingest.sources;

import io.steppewire.events.TopicReader;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.ingest.sources.support.Feeds;
import io.steppewire.ingest.sources.support.FixtureServer;
import io.steppewire.ingest.sources.support.FixtureServer.Route;
import io.steppewire.ingest.support.IngestServiceTest;
import io.steppewire.ingest.support.TestKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A feed registered over HTTP is fetched by the scheduler, its items arrive on the articles topic once each, a
 * refetch of the unchanged feed (a 304) sends nothing, and a changed item arrives again under the same id.
 */
@IngestServiceTest
class SourceFetchingEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private MockMvc http;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    private final FixtureServer site = new FixtureServer();

    @AfterEach
    void closeSite() {
        site.close();
    }

    private JsonNode register(String name, String path, String type, int interval, boolean enabled) throws Exception {
        String body = """
                {"name": "%s", "type": "%s", "url": "%s", "intervalSeconds": %d, "enabled": %s}
                """.formatted(name, type, site.url(path), interval, enabled);
        String answer = http.perform(post("/api/sources").header("X-Api-Key", TestKeys.ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(answer);
    }

    private JsonNode source(String id) throws Exception {
        return JSON.readTree(http.perform(get("/api/sources/" + id)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    private JsonNode fetchNow(String id) throws Exception {
        return JSON.readTree(http.perform(post("/api/sources/" + id + "/fetch").header("X-Api-Key", TestKeys.ADMIN))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    @Test
    void publishesEachItemOnceAndAChangedItemAsARevisionOfTheSameArticle() throws Exception {
        String name = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String[] library = {"Almaty Opens a Library in an Old Tram Depot", "/news/library",
                "<p>The depot reopened on Saturday.</p>"};
        String[] tenge = {"Tenge Steady Before the Central Bank Meeting", "/news/tenge", "<p>Traders expect no change.</p>"};
        site.route("/feed", Route.ok("application/rss+xml; charset=utf-8", Feeds.rss(library, tenge, library))
                .withEtag("\"v1\"").gzipped());

        String id = register(name, "/feed", "feed", 1, true).path("id").asString();

        // The scheduler fetches it, then again a second later with the ETag, which the site answers 304.
        await().atMost(PATIENCE).until(() -> site.requests("/feed").stream()
                .anyMatch(r -> "\"v1\"".equals(r.header("If-None-Match"))));
        await().atMost(PATIENCE).until(() -> source(id).path("state").path("lastOutcome").asString().equals("not_modified"));
        JsonNode state = source(id).path("state");
        assertThat(state.path("itemsSeen").asInt()).isEqualTo(2);
        assertThat(state.path("etag").asString()).isEqualTo("\"v1\"");
        assertThat(state.path("lastStatus").asInt()).isEqualTo(304);

        // The library story is corrected under the same link.
        String[] corrected = {library[0], library[1], "<p>The depot reopened on Saturday with 40,000 books.</p>"};
        site.route("/feed", Route.ok("application/rss+xml; charset=utf-8", Feeds.rss(corrected, tenge))
                .withEtag("\"v2\""));

        try (TopicReader<ArticleIngested> articles = new TopicReader<>(brokers, Topics.ARTICLES.name(),
                Topics.ARTICLES.valueSerde().deserializer())) {
            articles.readUntil(r -> r.value().source().equals(name)
                    && r.value().lede().contains("40,000 books"));
            // Later fetches of the unchanged v2 feed must add nothing: wait for one, then read what the topic holds.
            await().atMost(PATIENCE).until(() -> site.requests("/feed").stream()
                    .anyMatch(r -> "\"v2\"".equals(r.header("If-None-Match"))));
            List<ArticleIngested> mine = articles.readUntil(r -> true).stream().map(ConsumerRecord::value)
                    .filter(a -> a.source().equals(name)).toList();

            Map<String, List<ArticleIngested>> byId = mine.stream()
                    .collect(Collectors.groupingBy(ArticleIngested::articleId));
            assertThat(byId).hasSize(2);
            ArticleIngested tengeArticle = mine.stream().filter(a -> a.title().startsWith("Tenge")).findFirst().orElseThrow();
            assertThat(byId.get(tengeArticle.articleId())).as("the unchanged item, published once").hasSize(1);
            List<ArticleIngested> revisions = mine.stream().filter(a -> a.title().startsWith("Almaty")).toList();
            assertThat(revisions).as("the first text and its correction, under one id").hasSize(2)
                    .extracting(ArticleIngested::articleId).containsOnly(revisions.getFirst().articleId());
            assertThat(revisions.get(1).lede()).contains("40,000 books");
            assertThat(revisions.get(1).firstSeenAt()).isEqualTo(revisions.getFirst().firstSeenAt());
            assertThat(revisions.get(1).pageId()).isNotEqualTo(revisions.getFirst().pageId());
            assertThat(revisions.getFirst().url()).isEqualTo(site.url("/news/library").toString());
            assertThat(revisions).as("a revision stays in its story and names its text")
                    .extracting(ArticleIngested::storyId).containsOnly(revisions.getFirst().articleId());
            assertThat(revisions.get(1).revision()).isNotEqualTo(revisions.getFirst().revision()).isNotNull();
            assertThat(tengeArticle.storyId()).isEqualTo(tengeArticle.articleId());
            assertThat(tengeArticle.publishedAtEstimated()).isNotNull();
        }
        assertThat(source(id).path("state").path("itemsSeen").asInt()).isEqualTo(2);
    }

    @Test
    void fetchingNowReportsNewSeenAndFailedItems() throws Exception {
        String name = "now-" + UUID.randomUUID().toString().substring(0, 8);
        site.route("/dupes.xml", Route.ok("application/rss+xml", Feeds.bytes("rss2-duplicates.xml")));
        String id = register(name, "/dupes.xml", "feed", 3600, false).path("id").asString();

        JsonNode first = fetchNow(id);
        assertThat(first.path("outcome").asString()).isEqualTo("new_items");
        // The bridge is listed twice (once with tracking parameters): one article. The script link is no link.
        assertThat(first.path("newItems")).hasSize(2);
        assertThat(first.path("newItems").get(0).path("url").asString()).isEqualTo("https://dupes.example/bridge");
        assertThat(first.path("newItems").get(1).path("dateMissing").asBoolean()).isTrue();

        JsonNode second = fetchNow(id);
        assertThat(second.path("outcome").asString()).isEqualTo("nothing_new");
        assertThat(second.path("alreadySeen")).hasSize(2);
        assertThat(second.path("newItems")).isEmpty();
    }

    @Test
    void backsOffAsTheSourceAsksWhenRateLimited() throws Exception {
        String name = "busy-" + UUID.randomUUID().toString().substring(0, 8);
        site.route("/busy", Route.status(429).withRetryAfter("7200"));
        String id = register(name, "/busy", "feed", 60, false).path("id").asString();

        Instant before = Instant.now();
        JsonNode report = fetchNow(id);

        assertThat(report.path("outcome").asString()).isEqualTo("failed");
        assertThat(report.path("reason").asString()).isEqualTo("rate_limited");
        JsonNode state = source(id).path("state");
        assertThat(state.path("consecutiveFailures").asInt()).isEqualTo(1);
        assertThat(state.path("lastStatus").asInt()).isEqualTo(429);
        assertThat(state.path("lastError").asString()).contains("429");
        assertThat(Instant.parse(state.path("nextFetchAt").asString())).isAfter(before.plus(Duration.ofMinutes(119)));
    }

    @Test
    void reportsAnUnreadableAnswerAndAServerError() throws Exception {
        site.route("/html", Route.ok("text/html", "<html><body>Not a feed</body></html>"));
        site.route("/broken", Route.status(500));
        String html = register("html-" + UUID.randomUUID().toString().substring(0, 8), "/html", "feed", 60, false)
                .path("id").asString();
        String broken = register("broken-" + UUID.randomUUID().toString().substring(0, 8), "/broken", "feed", 60, false)
                .path("id").asString();

        assertThat(fetchNow(html).path("reason").asString()).isEqualTo("unreadable");
        JsonNode failed = fetchNow(broken);
        assertThat(failed.path("reason").asString()).isEqualTo("http_status");
        assertThat(failed.path("httpStatus").asInt()).isEqualTo(500);
    }

    @Test
    void readsAFeedWhoseHeaderNamesTheWrongCharset() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>t</title>"
                + "<link>https://cp.example/</link><description>d</description><item><title>Caf\u00e9 \u201cSamal\u201d"
                + " Reopens</title><link>https://cp.example/cafe</link><description>Na\u00efve art.</description>"
                + "</item></channel></rss>";
        site.route("/cp.xml", Route.ok("text/xml; charset=utf-8", xml.getBytes(java.nio.charset.Charset.forName("windows-1252"))));
        String id = register("cp-" + UUID.randomUUID().toString().substring(0, 8), "/cp.xml", "feed", 60, false)
                .path("id").asString();

        assertThat(fetchNow(id).path("newItems").get(0).path("title").asString()).isEqualTo("Caf\u00e9 \u201cSamal\u201d Reopens");
    }
}

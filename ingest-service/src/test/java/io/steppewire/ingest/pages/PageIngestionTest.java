package io.steppewire.ingest.pages;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topics;
import io.steppewire.events.TraceContext;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.ingest.support.IngestServiceTest;
import io.steppewire.ingest.support.Pages;
import io.steppewire.ingest.support.TestKeys;
import io.steppewire.ingest.support.TopicOffsets;
import io.steppewire.events.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IngestServiceTest
class PageIngestionTest {

    private static final String KEY = TestKeys.ADMIN;

    @Autowired
    private MockMvc http;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    private final JsonMapper json = JsonMapper.builder().build();
    private TopicReader<ArticleIngested> articles;
    private TopicReader<RateQuoted> quotes;
    /** A refused page leaves the end offsets of both topics where they were: any write, even aborted, moves them. */
    private TopicOffsets offsets;

    @BeforeEach
    void openReaders() {
        articles = new TopicReader<>(brokers, Topics.ARTICLES.name(), Topics.ARTICLES.valueSerde().deserializer());
        quotes = new TopicReader<>(brokers, Topics.QUOTES.name(), Topics.QUOTES.valueSerde().deserializer());
        offsets = new TopicOffsets(brokers);
    }

    @AfterEach
    void closeReaders() {
        articles.close();
        quotes.close();
        offsets.close();
    }

    @Test
    void publishesEveryArticleAndQuoteOfThePageAndAnswersAccepted() throws Exception {
        String source = uniqueSource("steppe-daily");
        JsonNode page = accepted(postPage(source, Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE)));

        assertThat(page.path("publishedOn").asString()).isEqualTo("2026-03-14");
        assertThat(page.path("articles")).hasSize(5);
        JsonNode solarPark = page.path("articles").get(0);
        assertThat(strings(solarPark.path("countries"))).contains("UZ");
        assertThat(strings(solarPark.path("tags"))).contains("energy");
        JsonNode oil = page.path("articles").get(4);
        assertThat(strings(oil.path("countries"))).contains("KZ");
        assertThat(strings(oil.path("tags"))).contains("energy");
        JsonNode tenge = page.path("quotes").get(1);
        assertThat(tenge.path("pair").asString()).isEqualTo("KZT/USD");
        assertThat(tenge.path("rate").asString()).isEqualTo("0.00201");
        assertThat(tenge.path("decimals").asInt()).isEqualTo(5);
        assertThat(tenge.path("reportedChangePct").asString()).isEqualTo("0.12");
        assertThat(tenge.path("asOf").asString()).isEqualTo("2026-03-14T00:00:00Z");

        String pageId = page.path("pageId").asString();
        // The page's articles spread over partitions, so the last one in page order need not be read last.
        await().atMost(Duration.ofSeconds(60)).until(() -> articles.poll().stream()
                .filter(r -> r.value().pageId().equals(pageId)).count() >= 5);
        List<ConsumerRecord<String, ArticleIngested>> published = articles.poll().stream()
                .filter(r -> r.value().pageId().equals(pageId)).toList();
        assertThat(published).hasSize(5).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(record.value().articleId());
            CloudEvent event = CloudEvent.readFrom(record.headers()).orElseThrow();
            assertThat(event.type()).isEqualTo(Topics.ARTICLES.eventType());
            assertThat(event.source()).isEqualTo("/steppewire/ingest-service");
            assertThat(event.subject()).isEqualTo(record.value().articleId());
        });
        List<ConsumerRecord<String, RateQuoted>> publishedQuotes = quotes.readUntil(
                r -> pageId.equals(r.value().pageId()) && r.key().equals("TMT/USD")).stream()
                .filter(r -> pageId.equals(r.value().pageId())).toList();
        assertThat(publishedQuotes).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("KGS/USD", "KZT/USD", "TJS/USD", "UZS/USD", "TMT/USD");
        assertThat(publishedQuotes).allSatisfy(record ->
                assertThat(CloudEvent.readFrom(record.headers()).orElseThrow().type())
                        .isEqualTo(Topics.QUOTES.eventType()));
    }

    @Test
    void thePagesArticlesAndQuotesContinueTheCallersTrace() throws Exception {
        String callersTrace = "5c3e0f0dbd8a4b61a9d5b0e2f1c47d38";
        String source = uniqueSource("steppe-daily");
        JsonNode page = accepted(http.perform(post("/api/pages?source=" + source).header("X-Api-Key", KEY)
                .header(TraceContext.TRACEPARENT, "00-" + callersTrace + "-2f6a8c1e9b3d5f70-01")
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .content(Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE).getBytes(StandardCharsets.UTF_8))));
        String pageId = page.path("pageId").asString();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(articles.poll())
                .filteredOn(r -> r.value().pageId().equals(pageId)).hasSize(5)
                .allSatisfy(r -> assertThat(TraceContext.readFrom(r.headers())).map(TraceContext::traceId).contains(callersTrace)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(quotes.poll())
                .filteredOn(r -> pageId.equals(r.value().pageId())).hasSize(5)
                .allSatisfy(r -> assertThat(TraceContext.readFrom(r.headers())).map(TraceContext::traceId).contains(callersTrace)));
    }

    @Test
    void keepsTheFirstSightingWhenTheSameArticleComesBack() throws Exception {
        String source = uniqueSource("steppe-daily");
        String frontPage = Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE);
        JsonNode first = accepted(postPage(source, frontPage)).path("articles").get(0);
        // The same article on a later page with other neighbours: same id, same first sighting.
        String laterPage = "15 March 2026\n\n" + frontPage.substring(frontPage.indexOf("Uzbekistan Switches"),
                frontPage.indexOf("Why Are Kyrgyz"));
        JsonNode again = accepted(postPage(source, laterPage)).path("articles").get(0);

        assertThat(first.path("duplicate").asBoolean()).isFalse();
        assertThat(again.path("id").asString()).isEqualTo(first.path("id").asString());
        assertThat(again.path("duplicate").asBoolean()).isTrue();
        assertThat(again.path("firstSeenAt").asString()).isEqualTo(first.path("firstSeenAt").asString());
        assertThat(again.path("publishedOn").asString()).isEqualTo("2026-03-15");
    }

    @Test
    void groupsTheSameStoryPushedByTwoSitesUnderTheFirstSitesArticle() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String wire = """
                16 March 2026

                Cable Car Over the Medeu Gorge Opens Above Almaty

                ALMATY – A 4.5-kilometre cable car from the Medeu skating rink to the Shymbulak ski resort opened on
                Monday, cutting the trip to 14 minutes, the city's tourism office said. Line %s cost 92 million dollars
                and carries 2,400 skiers an hour in cabins for ten people.
                """.formatted(run);
        String retold = """
                16 March 2026

                Medeu-Shymbulak Gondola Starts Carrying Skiers

                The new 4.5 km gondola linking the Medeu rink and the Shymbulak resort above Almaty began running on
                Monday, Almaty's tourism office announced. The 92-million-dollar line %s can move 2,400 skiers an hour
                in ten-seat cabins and takes 14 minutes.

                Bakers in Shymkent Protest Flour Prices

                Dozens of bakers gathered outside the Shymkent akimat on Monday to ask for a cap on flour prices,
                which have risen by a third since January, and for cheaper loans to buy new ovens.
                """.formatted(run);

        JsonNode first = accepted(postPage(uniqueSource("wire"), wire)).path("articles").get(0);
        JsonNode second = accepted(postPage(uniqueSource("daily"), retold)).path("articles");

        assertThat(first.path("storyId").asString()).isEqualTo(first.path("id").asString());
        assertThat(second.get(0).path("storyId").asString()).isEqualTo(first.path("id").asString());
        assertThat(second.get(1).path("storyId").asString()).isEqualTo(second.get(1).path("id").asString());
    }

    @Test
    void explainsEveryLineOnADryRunAndPublishesNothing() throws Exception {
        String dryRunSource = uniqueSource("dry-run");
        Map<TopicPartition, Long> before = offsets.settled();
        String frontPage = Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE);
        JsonNode dryRun = json.readTree(postPage(dryRunSource + "&dryRun=true", frontPage)
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));

        assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.path("lines")).hasSize((int) frontPage.lines().count());
        JsonNode harbor = Arrays.stream(json.treeToValue(dryRun.path("lines"), JsonNode[].class))
                .filter(line -> line.path("text").asString().equals("Harbor Without Boats")).findFirst().orElseThrow();
        assertThat(harbor.path("role").asString()).isEqualTo("SUBHEADING");
        assertThat(harbor.path("reason").asString()).isNotBlank();
        assertThat(offsets.now()).as("end offsets of the written topics").isEqualTo(before);
    }

    @Test
    void rejectsAnEmptyBody() throws Exception {
        String source = uniqueSource("empty");
        Map<TopicPartition, Long> before = offsets.settled();
        problem(postPage(source, ""), 400).andExpect(jsonPath("$.detail").value(
                org.hamcrest.Matchers.containsString("empty")));
        assertThat(offsets.now()).as("end offsets of the written topics").isEqualTo(before);
    }

    @Test
    void rejectsABodyThatIsNotUtf8() throws Exception {
        String source = uniqueSource("latin1");
        Map<TopicPartition, Long> before = offsets.settled();
        byte[] latin1 = "Almaty Caf\u00e9 Owners Brace for Winter\n\nPrices rose again.".getBytes(StandardCharsets.ISO_8859_1);
        problem(http.perform(post("/api/pages?source=" + source).header("X-Api-Key", KEY)
                .contentType(MediaType.TEXT_PLAIN).content(latin1)), 400)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not valid UTF-8")));
        assertThat(offsets.now()).as("end offsets of the written topics").isEqualTo(before);
    }

    @Test
    void rejectsAPageOverFiveMegabytes() throws Exception {
        String source = uniqueSource("huge");
        Map<TopicPartition, Long> before = offsets.settled();
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) 'a');
        problem(http.perform(post("/api/pages?source=" + source).header("X-Api-Key", KEY)
                .contentType(MediaType.TEXT_PLAIN).content(huge)), 413)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("5 MB")));
        assertThat(offsets.now()).as("end offsets of the written topics").isEqualTo(before);
    }

    @Test
    void rejectsAPageWithoutArticlesAndExplainsItsLines() throws Exception {
        String source = uniqueSource("no-article");
        Map<TopicPartition, Long> before = offsets.settled();
        problem(postPage(source, "• KZT/USD = 0.00201 0.12%\n14 March 2026\n\nsomething went wrong with the scraper.\n"),
                422)
                .andExpect(jsonPath("$.lines.length()").value(4))
                .andExpect(jsonPath("$.lines[0].role").value("TICKER"))
                .andExpect(jsonPath("$.lines[3].reason").value(org.hamcrest.Matchers.containsString("first title")));
        assertThat(offsets.now()).as("end offsets of the written topics").isEqualTo(before);
    }

    @Test
    void refusesAPageDatedInTheFutureAndPublishesNothing() throws Exception {
        String source = uniqueSource("from-2099");
        Map<TopicPartition, Long> before = offsets.settled();
        String page = Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE).replace("14 March 2026", "14 March 2099");
        problem(postPage(source, page), 422)
                .andExpect(jsonPath("$.reason").value("future_date"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "The page's date line says 2099-03-14, which is in the future")));
        assertThat(offsets.now()).as("end offsets of the written topics").isEqualTo(before);
    }

    @Test
    void refusesAWriteWithoutTheApiKey() throws Exception {
        problem(http.perform(post("/api/pages").contentType(MediaType.TEXT_PLAIN)
                .content(Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE))), 401)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("X-Api-Key")));
    }

    @Test
    void refusesASourceThatCannotNameASite() throws Exception {
        problem(postPage("two%20words", Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE)), 400)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("'source'")));
    }

    private ResultActions postPage(String sourceAndFlags, String body) throws Exception {
        return http.perform(post("/api/pages?source=" + sourceAndFlags).header("X-Api-Key", KEY)
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .content(body.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode accepted(ResultActions result) throws Exception {
        String body = result.andExpect(status().isAccepted()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(body);
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status));
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static String uniqueSource(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

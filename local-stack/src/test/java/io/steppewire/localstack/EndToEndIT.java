package io.steppewire.localstack;

import io.steppewire.localstack.StackSettings.Part;
import io.steppewire.platform.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The place to start reading: all four services as real processes on a real Kafka broker (KRaft, in
 * this JVM) and the embedded MongoDB-wire store, driven only through their HTTP APIs. The consumers,
 * article-service and notify-service, run as two instances each that share their groups' partitions, so
 * every exactly-once check below also holds across instances.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final String API_KEY = "e2e-admin-key-0123";
    private static final String SECRET = "uzbek-energy-desk-secret";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int INSTANCES = 2;

    @TempDir
    static Path data;

    private static LocalStack stack;
    private static NewsDesk desk;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        stack = new LocalStack(StackSettings.forTests(data.resolve("data"), API_KEY, INSTANCES));
        stack.start();
        desk = new NewsDesk(stack.url(Part.INGEST), stack.url(Part.ARTICLE), stack.url(Part.NOTIFY), API_KEY);
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopIt() {
        if (receiver != null) {
            receiver.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    // Last: the official rates and the news site's articles it adds would change what the other tests count.
    void aNewcomersStackPollsTheMadeUpNewsSiteAndFetchesTheBanksOfficialRates() throws Exception {
        MadeUpSources madeUp = new MadeUpSources(stack.url(Part.INGEST), stack.url(Part.RATES), stack.url(Part.SITES), API_KEY);

        assertThat(madeUp.registerNews()).hasSize(MadeUpSources.NEWS.size()).allMatch(line -> line.endsWith("registered"));
        assertThat(madeUp.registerNews()).as("registering again changes nothing").allMatch(line -> line.endsWith("registered already"));
        assertThat(madeUp.fetchOfficialRates(LocalDate.now())).hasSize(5);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode sources = desk.getWithKey(stack.url(Part.INGEST) + "/api/sources").body();
            for (MadeUpSources.NewsSource expected : MadeUpSources.NEWS) {
                JsonNode source = java.util.stream.StreamSupport.stream(sources.spliterator(), false)
                        .filter(s -> s.path("name").asString().equals(expected.name())).findFirst().orElseThrow();
                assertThat(source.path("state").path("lastStatus").asInt()).as(expected.name()).isEqualTo(200);
                assertThat(source.path("state").path("itemsSeen").asLong()).as(expected.name()).isPositive();
            }
            assertThat(desk.articleTitles()).contains("Almaty Opens Its First Cycle Lane Along Abay Avenue",
                    "Aral Fishermen Report Best Catch in Two Decades");
        });
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode banks = desk.get(stack.url(Part.RATES) + "/api/rates/sources").body().path("items");
            assertThat(banks).hasSize(5);
            for (JsonNode bank : banks) {
                assertThat(bank.path("status").asString()).as(bank.path("id").asString()).isIn("ok", "no-new-rate");
                assertThat(bank.path("lastError").isMissingNode() || bank.path("lastError").isNull()).as(bank.path("id").asString()).isTrue();
                assertThat(bank.path("lastPublishedDate").asString("")).as(bank.path("id").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
            }
        });
    }

    @Test
    void twoInstancesOfEachConsumerShareEveryTopicsPartitions() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.url(Part.KAFKA)))) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                for (Part service : List.of(Part.ARTICLE, Part.NOTIFY)) {
                    String group = service.label();
                    var members = admin.describeConsumerGroups(List.of(group)).all().get().get(group).members();
                    // Static members are named <host>-<port>-<listener>-<n>: the port tells the instance.
                    Map<String, Set<String>> topicsByInstance = members.stream().collect(Collectors.groupingBy(
                            m -> instanceOf(service, m.groupInstanceId().orElseThrow()),
                            Collectors.flatMapping(m -> m.assignment().topicPartitions().stream().map(TopicPartition::topic),
                                    Collectors.toSet())));
                    assertThat(topicsByInstance).as(group).hasSize(INSTANCES);
                    assertThat(topicsByInstance.values()).as(group).allSatisfy(topics -> assertThat(topics)
                            .contains("news.articles.v1", "fx.rate-changes.v1"));
                }
            });
        }
    }

    @Test
    void aPageBecomesArticlesAndRatesAndTheSubscriberGetsExactlyOneSignedAlert() throws Exception {
        var subscription = desk.subscribe("""
                {"name": "Uzbek energy desk",
                 "channel": {"type": "webhook", "url": "%s", "secret": "%s"},
                 "rules": {"tags": ["energy"], "countries": ["UZ"]}}
                """.formatted(receiver.url(), SECRET));
        assertThat(subscription.status()).as(subscription.body().toString()).isEqualTo(201);
        // Each notify instance matches against its own index, refreshed from the store every 2 s.
        await().atMost(PATIENCE).until(() -> everyNotifyInstanceIndexesEverySubscription());

        // The page is part of the caller's trace; the alert it leads to, three services later, must be too.
        String callersTrace = "7e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b";
        var accepted = desk.postPage("desert-sun", NewsDesk.resource("pages/desert-sun-2026-04-02.txt"),
                "00-" + callersTrace + "-1a2b3c4d5e6f7081-01");

        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        assertThat(accepted.body().path("publishedOn").asString()).isEqualTo("2026-04-02");
        assertThat(accepted.body().path("articles")).hasSize(2);
        assertThat(accepted.body().path("quotes")).hasSize(5);
        JsonNode windFarm = accepted.body().path("articles").get(0);
        assertThat(windFarm.path("title").asString()).isEqualTo("Samarkand Wind Farm Begins Selling Power to the Uzbek Grid");
        assertThat(texts(windFarm.path("countries"))).contains("UZ");
        assertThat(texts(windFarm.path("tags"))).contains("energy");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(desk.articleTitles())
                .contains("Samarkand Wind Farm Begins Selling Power to the Uzbek Grid",
                        "Harbor Master Retires After Forty Years on the Caspian"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(rateOf("KZT/USD")).isEqualTo("0.00199"));
        assertThat(desk.rates()).hasSize(5);
        assertThat(desk.articleTitles()).doesNotHaveDuplicates();
        NewsDesk secondInstances = new NewsDesk(stack.url(Part.INGEST), stack.urls(Part.ARTICLE).get(1),
                stack.urls(Part.NOTIFY).get(1), API_KEY);
        assertThat(secondInstances.articleTitles()).containsExactlyInAnyOrderElementsOf(desk.articleTitles());
        var byId = desk.get(desk.articleUrl() + "/api/articles/" + windFarm.path("id").asString());
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body().path("publishedOn").asString()).isEqualTo("2026-04-02");

        await().atMost(PATIENCE).until(() -> receiver.deliveries().size() >= 1);
        WebhookReceiver.Delivery alert = receiver.deliveries().getFirst();
        assertThat(alert.isSignedWith(SECRET)).as("signature %s", alert.signature()).isTrue();
        assertThat(alert.body()).contains(windFarm.path("id").asString()).contains("\"kind\":\"article\"");
        assertThat(alert.traceparent()).as("the webhook's W3C trace context").startsWith("00-" + callersTrace + "-");

        // The same page again is the same article: it must not raise a second alert. A later page with a
        // new matching article serves as the barrier that the repeat has been through the pipeline too.
        var repeated = desk.postPage("desert-sun", NewsDesk.resource("pages/desert-sun-2026-04-02.txt"));
        assertThat(repeated.status()).isEqualTo(202);
        assertThat(repeated.body().path("articles").get(0).path("id").asString()).isEqualTo(windFarm.path("id").asString());
        var nextDay = desk.postPage("desert-sun", NewsDesk.resource("pages/desert-sun-2026-04-03.txt"));
        assertThat(nextDay.status()).isEqualTo(202);
        String copperPlant = nextDay.body().path("articles").get(0).path("id").asString();

        await().atMost(PATIENCE).until(() -> receiver.deliveries().stream().anyMatch(d -> d.body().contains(copperPlant)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(desk.articleTitles())
                .contains("Navoi Copper Plant Switches Its Furnaces to Solar Power in Uzbekistan"));
        assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::id).doesNotHaveDuplicates()
                .hasSize(2);
        assertThat(receiver.deliveries()).filteredOn(d -> d.body().contains(windFarm.path("id").asString())).hasSize(1);
    }

    /**
     * E-mail works on the stack out of the box: notify-service sends to the stack's mail catcher, whose page lists the
     * alert for the dashboard's origin. The subscription's query and the same q in article search select the article.
     */
    @Test
    void anEmailSubscriberReadsTheAlertAmongTheCaughtMailAndSearchFindsTheSameArticle() throws Exception {
        String query = "(ferry OR harbour) AND caspian NOT \\\"wind farm\\\"";
        var subscription = desk.subscribe("""
                {"name": "Caspian desk by mail",
                 "channel": {"type": "email", "address": "caspian-desk@steppewire.example"},
                 "rules": {"query": "%s"}}
                """.formatted(query));
        assertThat(subscription.status()).as(subscription.body().toString()).isEqualTo(201);
        await().atMost(PATIENCE).until(() -> everyNotifyInstanceIndexesEverySubscription());

        var accepted = desk.postPage("caspian-post", NewsDesk.resource("pages/caspian-post-2026-04-05.txt"));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        String ferry = accepted.body().path("articles").get(0).path("id").asString();

        int mailPort = URI.create(stack.url(Part.MAIL_WEB)).getPort();
        String dashboard = stack.url(Part.ARTICLE);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(desk.get(stack.url(Part.MAIL_WEB) + "/messages").body().valueStream()
                .map(m -> m.path("to").get(0).asString())).contains("caspian-desk@steppewire.example"));
        RawHttp.Answer list = RawHttp.send(mailPort, "GET", "/messages", Map.of("Origin", dashboard), "");
        assertThat(list.header("access-control-allow-origin")).isEqualTo(dashboard);
        JsonNode caught = desk.get(stack.url(Part.MAIL_WEB) + "/messages").body().valueStream()
                .filter(m -> m.path("to").get(0).asString().equals("caspian-desk@steppewire.example")).findFirst().orElseThrow();
        assertThat(caught.path("subject").asString()).isEqualTo("steppewire: Aktau Ferry Line Adds a Night Crossing to Baku");
        assertThat(caught.path("from").asString()).isNotBlank();
        RawHttp.Answer text = RawHttp.send(mailPort, "GET", "/messages/" + caught.path("id").asLong() + ".txt", Map.of(), "");
        assertThat(text.status()).isEqualTo(200);
        // The readable alert: what matched and why, and the one-click way out (the JSON rides as an attachment).
        assertThat(text.body()).contains("Aktau Ferry Line Adds a Night Crossing to Baku", "caspian-post",
                "matched keywords (ferry OR harbour) AND caspian NOT \"wind farm\"", "/unsubscribe?token=");

        String q = URLEncoder.encode(query.replace("\\", ""), StandardCharsets.UTF_8);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(desk.get(desk.articleUrl() + "/api/articles?q=" + q).body()
                .path("items").valueStream().map(a -> a.path("id").asString())).containsExactly(ferry));
    }

    @Test
    void anEmptyPageIsRefusedWithAProblemSayingWhatIsWrong() {
        var refused = desk.postPage("desert-sun", "");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("detail").asString()).isNotBlank();
    }

    @Test
    void subscribersSeeAndChangeOnlyTheirOwnSubscriptionsWhateverThePathSpelling() throws Exception {
        var deskA = desk.notify("POST", "/api/keys", API_KEY, "{\"name\": \"tenge desk\"}");
        var deskB = desk.notify("POST", "/api/keys", API_KEY, "{\"name\": \"som desk\"}");
        assertThat(deskA.status()).as(deskA.body().toString()).isEqualTo(201);
        String keyA = deskA.body().path("key").asString();
        String keyB = deskB.body().path("key").asString();
        var created = desk.notify("POST", "/api/subscriptions", keyA, """
                {"name": "Tenge watch", "channel": {"type": "sse"},
                 "rules": {"pairs": [{"pair": "KZT/USD", "thresholdPct": 1, "direction": "either"}]}}""");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().path("id").asString();
        int notifyPort = URI.create(desk.notifyUrl()).getPort();

        assertThat(desk.notify("GET", "/api/subscriptions/" + id, keyB, null).status()).isEqualTo(404);
        assertThat(desk.notify("DELETE", "/api/subscriptions/" + id, keyB, null).status()).isEqualTo(404);
        assertThat(desk.notify("GET", "/api/subscriptions", keyB, null).body().toString()).doesNotContain(id);
        for (String trick : List.of("/api/subscriptions;x=1", "/api/%73ubscriptions", "/api/subscriptions/",
                "/api/%73ubscriptions/" + id, "/API/subscriptions/" + id, "/api/x/../subscriptions/" + id)) {
            RawHttp.Answer read = RawHttp.send(notifyPort, "GET", trick, Map.of(), "");
            assertThat(read.status()).as(trick).isIn(400, 401, 404);
            // A problem may quote the path asked for (id included); it must never carry the subscription itself.
            assertThat(read.body()).as(trick).doesNotContain("Tenge watch").doesNotContain("KZT/USD").doesNotContain("streamToken");
            assertThat(RawHttp.send(notifyPort, "DELETE", trick, Map.of(), "").status()).as(trick).isIn(400, 401, 404, 405);
        }
        assertThat(desk.notify("GET", "/api/subscriptions/" + id, keyA, null).status()).isEqualTo(200);

        String keyAId = deskA.body().path("id").asString();
        assertThat(desk.notify("DELETE", "/api/keys/" + keyAId, API_KEY, null).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(desk.notify("GET", "/api/subscriptions/" + id, keyA, null).status()).isEqualTo(401));
        assertThat(desk.notify("GET", "/api/subscriptions/" + id, API_KEY, null).status()).isEqualTo(200);
    }

    @Test
    void hostileInputsAreRefusedQuicklyAndChangeNothing() {
        var farFuture = desk.postPage("desert-sun", """
                • KZT/USD = 0.00185 -8.00%
                14 March 2099

                Oil Output Rises at the Tengiz Field in Kazakhstan

                ATYRAU – Kazakhstan's largest oil field raised its output this week, the operator said on Friday.
                """);
        assertThat(farFuture.status()).as(farFuture.body().toString()).isEqualTo(422);
        assertThat(farFuture.contentType()).startsWith("application/problem+json");

        var explodingThreshold = desk.notify("POST", "/api/subscriptions", API_KEY, """
                {"name": "x", "channel": {"type": "sse"},
                 "rules": {"pairs": [{"pair": "KZT/USD", "thresholdPct": "1E-500000000", "direction": "either"}]}}""");
        assertThat(explodingThreshold.status()).isEqualTo(400);
        assertThat(explodingThreshold.contentType()).startsWith("application/problem+json");
    }

    private static String instanceOf(Part service, String groupInstanceId) {
        return stack.urls(service).stream().filter(url -> groupInstanceId.contains("-" + URI.create(url).getPort() + "-"))
                .findFirst().orElseThrow(() -> new AssertionError("No instance of " + service.label() + " named " + groupInstanceId));
    }

    /** Whether every notify instance has every stored subscription in its matching index, by its indexed-subscriptions gauge. */
    private static boolean everyNotifyInstanceIndexesEverySubscription() {
        long stored = desk.notify("GET", "/api/subscriptions?limit=100", API_KEY, null).body().path("items").size();
        return stored > 0 && stack.urls(Part.NOTIFY).stream().allMatch(url -> desk.get(url
                + "/actuator/metrics/steppewire.notify.subscriptions.indexed").body().path("measurements").get(0)
                .path("value").asDouble() >= stored);
    }

    private static String rateOf(String pair) {
        for (JsonNode rate : desk.rates()) {
            if (pair.equals(rate.path("pair").asString())) {
                return rate.path("rate").asString();
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}

package io.steppewire.article.articles;

import io.steppewire.article.support.ApiClient;
import io.steppewire.article.support.Newsroom;
import io.steppewire.article.support.ServiceTest;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ArticleApiTest extends ServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private void publish(ArticleIngested... articles) {
        for (ArticleIngested article : articles) {
            publisher.publish(Topics.ARTICLES, article.articleId(), article.articleId(), article);
        }
    }

    private void awaitTitles(String query, String... titles) {
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/articles?" + query).texts("items", "title")).contains(titles));
    }

    @Test
    void showsProjectedArticlesNewestFirstAndEachOneById() {
        ArticleIngested older = Newsroom.story("caravan-post", "Caravan Post Opens a Bureau in Khujand",
                "KHUJAND - The paper opened its first bureau in the north on Monday.").publishedOn("2026-02-01").about("TJ").event();
        ArticleIngested newer = Newsroom.story("caravan-post", "Caravan Post Hires Its First Data Desk",
                "DUSHANBE - Three reporters will chart the budget every month.").publishedOn("2026-02-02").about("TJ")
                .tagged("media").event();

        publish(older, newer);

        awaitTitles("source=caravan-post", "Caravan Post Opens a Bureau in Khujand", "Caravan Post Hires Its First Data Desk");
        var listing = api.get("/api/articles?source=caravan-post");
        assertThat(listing.texts("items", "title"))
                .containsExactly("Caravan Post Hires Its First Data Desk", "Caravan Post Opens a Bureau in Khujand");
        assertThat(listing.body().has("nextCursor")).isTrue();
        assertThat(listing.body().path("nextCursor").isNull()).isTrue();

        var one = api.get("/api/articles/" + newer.articleId());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().path("publishedOn").asString()).isEqualTo("2026-02-02");
        assertThat(one.body().path("paragraphs").get(0).asString()).startsWith("DUSHANBE");
        assertThat(one.body().path("body").get(0).path("kind").asString()).isEqualTo("PARAGRAPH");
        assertThat(one.body().path("tags").get(0).asString()).isEqualTo("media");
        assertThat(one.body().has("score")).isFalse();
    }

    @Test
    void answersAnUnknownIdWithNotFoundProblem() {
        var missing = api.get("/api/articles/no-such-article");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body().path("detail").asString()).contains("no-such-article");
    }

    @Test
    void aReplayOrAnOlderSightingDoesNotOverwriteTheNewerOne() {
        ArticleIngested newerSighting = Newsroom.story("oasis-wire", "Oasis Wire Reports a Record Melon Harvest",
                        "KHIVA - Farmers near Khiva brought in the largest melon harvest in a decade.")
                .firstSeenAt("2026-03-01T08:00:00Z").ingestedAt("2026-03-02T08:00:00Z").about("UZ")
                .tagged("agriculture", "trade").event();
        ArticleIngested olderSighting = Newsroom.story("oasis-wire", "Oasis Wire Reports a Record Melon Harvest",
                        "KHIVA - Farmers near Khiva brought in the largest melon harvest in a decade.")
                .firstSeenAt("2026-03-01T08:00:00Z").about("UZ").tagged("agriculture").event();
        assertThat(olderSighting.articleId()).isEqualTo(newerSighting.articleId());

        publish(newerSighting);
        awaitTitles("source=oasis-wire", "Oasis Wire Reports a Record Melon Harvest");
        publish(olderSighting, newerSighting);
        // Same key, same partition: once this one shows, the two sightings before it were projected.
        ArticleIngested barrier = Newsroom.story("oasis-wire", "Oasis Wire Reports a Record Melon Harvest",
                        "KHIVA - Farmers near Khiva brought in the largest melon harvest in a decade.")
                .firstSeenAt("2026-03-01T08:00:00Z").ingestedAt("2026-03-03T08:00:00Z").about("UZ")
                .tagged("agriculture", "trade", "markets").event();
        publish(olderSighting, barrier, olderSighting);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode stored = api.get("/api/articles/" + barrier.articleId()).body();
            assertThat(stored.path("lastSeenAt").asString()).isEqualTo("2026-03-03T08:00:00Z");
            assertThat(stored.path("tags").valueStream().map(JsonNode::asString)).containsExactly("agriculture", "trade", "markets");
            assertThat(stored.path("firstSeenAt").asString()).isEqualTo("2026-03-01T08:00:00Z");
        });
        assertThat(api.get("/api/articles?source=oasis-wire").texts("items", "title")).hasSize(1);
    }

    @Test
    void filtersByCountryTagEntityAndDateRange() {
        publish(Newsroom.story("steppe-ledger", "Almaty Metro Extends Its Green Line",
                        "ALMATY - Two new stations opened on the green line.").publishedOn("2026-01-10").about("KZ")
                        .tagged("transport").naming("Almaty Metro").event(),
                Newsroom.story("steppe-ledger", "Bishkek Buses Switch to Electric Power",
                        "BISHKEK - Forty electric buses joined the city fleet.").publishedOn("2026-01-12").about("KG")
                        .tagged("transport", "energy").event(),
                Newsroom.story("steppe-ledger", "Astana Opens a Winter Book Fair",
                        "ASTANA - Publishers from five countries came to the fair.").publishedOn("2026-01-20").about("KZ")
                        .tagged("culture").event());
        awaitTitles("source=steppe-ledger", "Almaty Metro Extends Its Green Line", "Bishkek Buses Switch to Electric Power",
                "Astana Opens a Winter Book Fair");

        assertThat(api.get("/api/articles?source=steppe-ledger&country=kz").texts("items", "title"))
                .containsExactly("Astana Opens a Winter Book Fair", "Almaty Metro Extends Its Green Line");
        assertThat(api.get("/api/articles?source=steppe-ledger&tag=transport&from=2026-01-11&to=2026-01-31").texts("items", "title"))
                .containsExactly("Bishkek Buses Switch to Electric Power");
        assertThat(api.get("/api/articles?entity=" + ApiClient.encode("Almaty Metro")).texts("items", "title"))
                .containsExactly("Almaty Metro Extends Its Green Line");

        JsonNode facets = api.get("/api/facets?source=steppe-ledger").body();
        assertThat(facets.path("countries").get(0).path("value").asString()).isEqualTo("KZ");
        assertThat(facets.path("countries").get(0).path("count").asLong()).isEqualTo(2);
        assertThat(facets.path("tags").get(0).path("value").asString()).isEqualTo("transport");
        assertThat(facets.path("tags").get(0).path("count").asLong()).isEqualTo(2);
        assertThat(facets.path("entities").valueStream().map(n -> n.path("value").asString())).containsExactly("Almaty Metro");
        assertThat(api.get("/api/facets?source=steppe-ledger&country=KG").body().path("tags").valueStream()
                .map(n -> n.path("value").asString())).containsExactlyInAnyOrder("transport", "energy");
    }

    @Test
    void searchStemsWordsChecksPhrasesAndRanksTitleMatchesFirst() {
        publish(Newsroom.story("aral-review", "Fishermen Return to the Northern Aral Sea",
                        "ARALSK - Fishing boats are back as the water level keeps rising.",
                        "The fishing cooperative counts twice the catch of last year.").about("KZ").event(),
                Newsroom.story("aral-review", "Cotton Farmers Test Drip Irrigation",
                        "NUKUS - Drip lines cut water use on cotton fields; fishing villages nearby hope for more water.")
                        .about("UZ").event(),
                Newsroom.story("aral-review", "Water Level Talks Stall in Tashkent",
                        "TASHKENT - Negotiators left without a deal on the level of the reservoir.").about("UZ").event());
        awaitTitles("source=aral-review", "Fishermen Return to the Northern Aral Sea", "Cotton Farmers Test Drip Irrigation",
                "Water Level Talks Stall in Tashkent");

        var fished = api.get("/api/articles?source=aral-review&q=fished");
        assertThat(fished.texts("items", "title"))
                .containsExactly("Fishermen Return to the Northern Aral Sea", "Cotton Farmers Test Drip Irrigation");
        assertThat(fished.body().path("items").get(0).path("score").asDouble())
                .isGreaterThan(fished.body().path("items").get(1).path("score").asDouble());

        assertThat(api.get("/api/articles?source=aral-review&q=" + ApiClient.encode("\"water level\"")).texts("items", "title"))
                .containsExactlyInAnyOrder("Fishermen Return to the Northern Aral Sea", "Water Level Talks Stall in Tashkent");
        assertThat(api.get("/api/articles?source=aral-review&q=" + ApiClient.encode("\"level water\"")).texts("items", "title"))
                .isEmpty();
        assertThat(api.get("/api/articles?source=aral-review&q=" + ApiClient.encode("water deal")).texts("items", "title"))
                .containsExactly("Water Level Talks Stall in Tashkent");
        assertThat(api.get("/api/facets?source=aral-review&q=water").body().path("countries").valueStream()
                .map(n -> n.path("value").asString() + "=" + n.path("count").asLong())).containsExactly("UZ=2", "KZ=1");
        assertThat(api.get("/api/articles?source=aral-review&q=" + ApiClient.encode("fished OR deal")).texts("items", "title"))
                .containsExactlyInAnyOrder("Fishermen Return to the Northern Aral Sea", "Cotton Farmers Test Drip Irrigation",
                        "Water Level Talks Stall in Tashkent");
        assertThat(api.get("/api/articles?source=aral-review&q=" + ApiClient.encode("water NOT (cotton OR deal)")).texts("items", "title"))
                .containsExactly("Fishermen Return to the Northern Aral Sea");
        assertThat(api.get("/api/facets?source=aral-review&q=" + ApiClient.encode("water NOT cotton")).body().path("countries")
                .valueStream().map(n -> n.path("value").asString() + "=" + n.path("count").asLong())).containsExactly("KZ=1", "UZ=1");
    }

    @Test
    void pagesWithACursorThatStaysStableWhenNewerArticlesArrive() {
        List<ArticleIngested> week = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            week.add(Newsroom.story("ferry-times", "Caspian Ferry Log Day " + day, "AKTAU - Day " + day + " of the ferry log.")
                    .publishedOn("2026-02-0" + day).event());
        }
        publish(week.toArray(ArticleIngested[]::new));
        awaitTitles("source=ferry-times", "Caspian Ferry Log Day 1", "Caspian Ferry Log Day 5");

        var first = api.get("/api/articles?source=ferry-times&limit=2");
        assertThat(first.texts("items", "title")).containsExactly("Caspian Ferry Log Day 5", "Caspian Ferry Log Day 4");
        String cursor = first.body().path("nextCursor").asString();

        publish(Newsroom.story("ferry-times", "Caspian Ferry Log Day 6", "AKTAU - Day 6 of the ferry log.")
                .publishedOn("2026-02-06").event());
        awaitTitles("source=ferry-times", "Caspian Ferry Log Day 6");

        var second = api.get("/api/articles?source=ferry-times&limit=2&cursor=" + cursor);
        assertThat(second.texts("items", "title")).containsExactly("Caspian Ferry Log Day 3", "Caspian Ferry Log Day 2");
        var third = api.get("/api/articles?source=ferry-times&limit=2&cursor=" + second.body().path("nextCursor").asString());
        assertThat(third.texts("items", "title")).containsExactly("Caspian Ferry Log Day 1");
        assertThat(third.body().path("nextCursor").isNull()).isTrue();

        var ranked = api.get("/api/articles?source=ferry-times&q=ferry&limit=4");
        assertThat(ranked.texts("items", "title")).hasSize(4);
        var rankedRest = api.get("/api/articles?source=ferry-times&q=ferry&limit=4&cursor=" + ranked.body().path("nextCursor").asString());
        assertThat(rankedRest.texts("items", "title")).hasSize(2).doesNotContainAnyElementsOf(ranked.texts("items", "title"));
    }

    @Test
    void refusesParametersOutsideTheirFormNamingTheParameter() {
        assertBadParameter("/api/articles?limit=500", "limit", "1 to 100");
        assertBadParameter("/api/articles?limit=ten", "limit", "whole number");
        assertBadParameter("/api/articles?from=14.03.2026", "from", "yyyy-MM-dd");
        assertBadParameter("/api/articles?from=2026-03-14&to=2026-03-01", "from", "after");
        assertBadParameter("/api/articles?country=Kazakhstan", "country", "ISO 3166-1");
        assertBadParameter("/api/articles?cursor=not-a-cursor", "cursor", "nextCursor");
        assertBadParameter("/api/articles?q=" + ApiClient.encode("\"unclosed"), "q", "quote");
        assertBadParameter("/api/articles?q=the", "q", "searchable");
        assertBadParameter("/api/articles?q=" + ApiClient.encode("NOT coal"), "q", "only excludes");
        assertBadParameter("/api/facets?q=" + ApiClient.encode("solar OR"), "q", "at position 8: expected a word");
        assertBadParameter("/api/articles?q=" + ApiClient.encode("solar)"), "q", "')' has no matching '('");
        assertBadParameter("/api/articles?q=" + ApiClient.encode("(".repeat(17) + "solar" + ")".repeat(17)), "q", "write it flatter");
        assertBadParameter("/api/facets?to=yesterday", "to", "yyyy-MM-dd");
    }

    private void assertBadParameter(String path, String parameter, String hint) {
        var answer = api.get(path);
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
        assertThat(answer.body().path("parameter").asString()).as(path).isEqualTo(parameter);
        assertThat(answer.body().path("detail").asString()).as(path).contains(hint);
    }
}

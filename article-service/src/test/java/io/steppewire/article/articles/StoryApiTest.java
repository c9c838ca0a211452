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

class StoryApiTest extends ServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private void publish(ArticleIngested... articles) {
        for (ArticleIngested article : articles) {
            publisher.publish(Topics.ARTICLES, article.articleId(), article.articleId(), article);
        }
    }

    @Test
    void listsAStorysArticlesFromEverySourceNewestFirstPageByPage() {
        ArticleIngested first = Newsroom.story("bishkek-bulletin", "Kyrgyz Parliament Passes Water Code",
                "BISHKEK - Deputies passed the water code on Monday.").publishedOn("2026-04-06").about("KG").event();
        String story = first.articleId();
        ArticleIngested retold = Newsroom.story("osh-observer", "Parliament Adopts New Water Code",
                "BISHKEK - The new water code was adopted by deputies on Monday.").publishedOn("2026-04-06")
                .firstSeenAt("2026-04-06T09:00:00Z").about("KG").inStory(story).revision("r1")
                .publishedAt("2026-04-06T08:30:00Z", false).event();
        ArticleIngested followUp = Newsroom.story("bishkek-bulletin", "Water Code Signed Into Law",
                "BISHKEK - The president signed the water code on Wednesday.").publishedOn("2026-04-08").about("KG")
                .inStory(story).publishedAt("2026-04-08T06:00:00Z", true).event();
        ArticleIngested unrelated = Newsroom.story("osh-observer", "Osh Bazaar Extends Its Hours",
                "OSH - The bazaar stays open until ten.").publishedOn("2026-04-07").about("KG").event();

        publish(first, retold, followUp, unrelated);

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/stories/" + story).texts("items", "id")).hasSize(3));
        ApiClient.Answer firstPage = api.get("/api/stories/" + story + "?limit=2");
        assertThat(firstPage.body().path("id").asString()).isEqualTo(story);
        assertThat(firstPage.body().path("sources").valueStream().map(JsonNode::asString))
                .containsExactly("bishkek-bulletin", "osh-observer");
        List<String> ids = new ArrayList<>(firstPage.texts("items", "id"));
        ApiClient.Answer secondPage = api.get("/api/stories/" + story + "?limit=2&cursor="
                + firstPage.body().path("nextCursor").asString());
        ids.addAll(secondPage.texts("items", "id"));
        assertThat(secondPage.body().path("nextCursor").isNull()).isTrue();
        assertThat(ids).containsExactly(followUp.articleId(), retold.articleId(), first.articleId());

        JsonNode shown = api.get("/api/articles/" + retold.articleId()).body();
        assertThat(shown.path("storyId").asString()).isEqualTo(story);
        assertThat(shown.path("revision").asString()).isEqualTo("r1");
        assertThat(shown.path("publishedAt").asString()).isEqualTo("2026-04-06T08:30:00Z");
        assertThat(shown.path("publishedAtEstimated").asBoolean()).isFalse();
        assertThat(api.get("/api/articles/" + followUp.articleId()).body().path("publishedAtEstimated").asBoolean()).isTrue();
        JsonNode ungrouped = api.get("/api/articles/" + unrelated.articleId()).body();
        assertThat(ungrouped.path("storyId").asString()).isEqualTo(unrelated.articleId());
        assertThat(ungrouped.path("revision").isNull()).isTrue();
        assertThat(ungrouped.path("publishedAt").isNull()).isTrue();
        assertThat(api.get("/api/stories/" + unrelated.articleId()).texts("items", "id")).containsExactly(unrelated.articleId());
    }

    @Test
    void answersAnUnknownStoryWithNotFoundAndAMalformedIdWithBadRequest() {
        ApiClient.Answer unknown = api.get("/api/stories/" + "0123456789abcdef".repeat(2));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        for (String malformed : List.of("not-a-story", "0123456789abcdef".repeat(3), "0123456789abcdeg".repeat(2), "..%2E",
                ApiClient.encode("{\"$gt\":\"\"}"))) {
            ApiClient.Answer refused = api.get("/api/stories/" + malformed);
            assertThat(refused.status()).as(malformed).isIn(400, 404);
            assertThat(refused.contentType()).as(malformed).startsWith("application/problem+json");
        }
        ApiClient.Answer notHex = api.get("/api/stories/" + "z".repeat(32));
        assertThat(notHex.status()).isEqualTo(400);
        assertThat(notHex.body().path("parameter").asString()).isEqualTo("id");
        ApiClient.Answer badLimit = api.get("/api/stories/" + "0123456789abcdef".repeat(2) + "?limit=0");
        assertThat(badLimit.body().path("parameter").asString()).isEqualTo("limit");
    }
}

package io.steppewire.notify.alerting;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Articles of several sources telling one story: one alert per story by default, every article on request. */
class StoryAlertsTest extends NotifyIntegrationTest {

    @Test
    void aSubscriptionGetsOneAlertPerStoryUnlessItAsksForEveryArticle() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String perStory = subscribe(receiver, "Caspian shipping", "");
            String everyArticle = subscribe(receiver, "Caspian shipping, every source", ", \"perStory\": false");
            String story = "story-aktau-ferry";
            ArticleIngested first = Stories.article("Aktau Port Opens a Second Ferry Berth",
                    "AKTAU – The port's new berth takes a second ferry to Baku from this week.", List.of("KZ"), List.of("caspian-shipping"), List.of())
                    .withStoryId(story);
            ArticleIngested retold = Stories.article("Second Ferry Berth Ready in Aktau",
                    "AKTAU – A second berth for the Baku ferries opened this week at the port.", List.of("KZ"), List.of("caspian-shipping"), List.of())
                    .withStoryId(story);
            ArticleIngested unrelated = Stories.article("Aktau Fishermen Report a Thin Sturgeon Season",
                    "AKTAU – Catches fell again this spring, the fishing cooperative said.", List.of("KZ"), List.of("caspian-shipping"), List.of());

            for (ArticleIngested article : List.of(first, retold, retold, unrelated)) {
                publish(Topics.ARTICLES, article.articleId(), article.articleId(), article);
            }

            List<String> expected = List.of(EventIds.alert(perStory, story), EventIds.alert(perStory, unrelated.articleId()),
                    EventIds.alert(everyArticle, first.articleId()), EventIds.alert(everyArticle, retold.articleId()),
                    EventIds.alert(everyArticle, unrelated.articleId()));
            await().atMost(PATIENCE).until(() -> receiver.all().stream().map(WebhookReceiver.Received::id).toList().containsAll(expected));
            // The story's alert is the first article's: the retelling, judged after it on the same partition or not, adds nothing.
            assertThat(receiver.all()).extracting(WebhookReceiver.Received::id).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(receiver.all()).filteredOn(r -> r.id().equals(EventIds.alert(perStory, story))).singleElement()
                    .satisfies(r -> assertThat(JSON.readTree(r.body()).path("eventId").asString()).isIn(first.articleId(), retold.articleId()));
        }
    }

    private String subscribe(WebhookReceiver receiver, String name, String perStory) {
        return subscribe("""
                {"name": "%s", "channel": {"type": "webhook", "url": "%s", "secret": "story-alerts-secret-001"},
                 "rules": {"tags": ["caspian-shipping"]%s}}
                """.formatted(name, receiver.url(), perStory));
    }
}

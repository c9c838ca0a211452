package io.steppewire.notify.alerting;

import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.delivery.WebhookSignature;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The walking-skeleton path: a subscriber's webhook gets one signed alert per matching article, however often it arrives. */
class WebhookAlertsTest extends NotifyIntegrationTest {

    private static final String SECRET = "tajik-energy-desk-secret";

    private WebhookReceiver receiver;

    @BeforeEach
    void openReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void aMatchingArticleReachesTheWebhookOnceSignedEvenWhenDeliveredTwice() {
        String subscriptionId = subscribe("""
                {"name": "Tajik energy desk",
                 "channel": {"type": "webhook", "url": "%s", "secret": "%s"},
                 "rules": {"tags": ["energy"], "countries": ["TJ"]}}
                """.formatted(receiver.url(), SECRET));
        ArticleIngested dam = Stories.tajikDam();

        publish(Topics.ARTICLES, dam.articleId(), dam.articleId(), dam);
        publish(Topics.ARTICLES, dam.articleId(), dam.articleId(), dam);
        // A later matching article is the barrier: once it arrived, the repeat has been through too.
        ArticleIngested laterStory = Stories.article("Vakhsh Cascade Exports Summer Power to Afghanistan",
                "BOKHTAR – The power line south carried its first summer load on Friday.", List.of("TJ"), List.of("energy"), List.of());
        publish(Topics.ARTICLES, laterStory.articleId(), laterStory.articleId(), laterStory);

        await().atMost(PATIENCE).until(() -> receiver.all().stream().anyMatch(r -> r.body().contains(laterStory.articleId())));
        List<WebhookReceiver.Received> aboutDam = receiver.all().stream().filter(r -> r.body().contains(dam.articleId())).toList();
        assertThat(aboutDam).hasSize(1);
        WebhookReceiver.Received alert = aboutDam.getFirst();
        assertThat(alert.signature()).isEqualTo(WebhookSignature.sign(SECRET, alert.id(), Long.parseLong(alert.timestamp()), alert.body()));
        JsonNode body = JSON.readTree(alert.body());
        assertThat(body.path("alertId").asString()).isEqualTo(alert.id());
        assertThat(body.path("subscriptionId").asString()).isEqualTo(subscriptionId);
        assertThat(body.path("kind").asString()).isEqualTo("article");
        assertThat(body.path("article").path("title").asString()).isEqualTo(dam.title());
        assertThat(body.path("matchedOn").valueStream().map(JsonNode::asString)).contains("tag:energy", "country:TJ");
    }

    @Test
    void anArticleOutsideTheRulesRaisesNoAlert() {
        subscribe("""
                {"name": "Kazakh farming", "channel": {"type": "webhook", "url": "%s", "secret": "%s"},
                 "rules": {"countries": ["KZ"], "tags": ["agriculture"]}}
                """.formatted(receiver.url(), SECRET));
        ArticleIngested ferry = Stories.caspianFerry();
        ArticleIngested harvest = Stories.kazakhGrainHarvest();

        publish(Topics.ARTICLES, ferry.articleId(), ferry.articleId(), ferry);
        publish(Topics.ARTICLES, harvest.articleId(), harvest.articleId(), harvest);

        await().atMost(PATIENCE).until(() -> receiver.all().stream().anyMatch(r -> r.body().contains(harvest.articleId())));
        assertThat(receiver.all()).noneMatch(r -> r.body().contains(ferry.articleId()));
    }
}

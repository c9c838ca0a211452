package io.steppewire.notify.alerting;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RateAlertsTest extends NotifyIntegrationTest {

    @Autowired
    RecentArticles recentArticles;

    @Test
    void aBigTengeMoveAlertsWithTheIntervalTheBasisAndTheKazakhNews() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             KafkaConsumer<String, byte[]> alerts = readerOf(Topics.ALERTS.name())) {
            String risingTenge = subscribe("""
                    {"name": "Rising tenge", "channel": {"type": "webhook", "url": "%s", "secret": "rising-tenge-secret-01"},
                     "rules": {"pairs": [{"pair": "KZT/USD", "thresholdPct": 1.0, "direction": "up"}]}}
                    """.formatted(receiver.url()));
            subscribe("""
                    {"name": "Falling tenge", "channel": {"type": "webhook", "url": "%s", "secret": "falling-tenge-secret-1"},
                     "rules": {"pairs": [{"pair": "KZT/USD", "thresholdPct": 1.0, "direction": "down"}]}}
                    """.formatted(receiver.url()));
            ArticleIngested harvest = Stories.kazakhGrainHarvest();
            publish(Topics.ARTICLES, harvest.articleId(), harvest.articleId(), harvest);
            await().atMost(PATIENCE).until(() -> recentArticles.latestAbout(Set.of("KZ")).stream().anyMatch(a -> a.id().equals(harvest.articleId())));

            RateChanged jump = Stories.tengeJumps();
            publish(Topics.RATE_CHANGES, jump.pair(), jump.changeId(), jump);

            await().atMost(PATIENCE).until(() -> receiver.all().stream().anyMatch(r -> r.body().contains(jump.changeId())));
            String alertId = EventIds.alert(risingTenge, jump.changeId());
            assertThat(receiver.all()).singleElement().satisfies(received -> {
                assertThat(received.id()).isEqualTo(alertId);
                JsonNode alert = JSON.readTree(received.body());
                assertThat(alert.path("kind").asString()).isEqualTo("rate");
                assertThat(alert.path("subscriptionId").asString()).isEqualTo(risingTenge);
                JsonNode change = alert.path("rateChange");
                assertThat(change.path("pair").asString()).isEqualTo("KZT/USD");
                assertThat(change.path("previous").path("rate").asString()).isEqualTo("0.00201");
                assertThat(change.path("current").path("rate").asString()).isEqualTo("0.00210");
                assertThat(change.path("computedChangePct").path("lowPct").asString()).isNotBlank();
                assertThat(change.path("assessment").path("basis").asString()).isEqualTo("COMPUTED");
                assertThat(alert.path("relatedArticles").valueStream().map(a -> a.path("id").asString())).contains(harvest.articleId());
                assertThat(alert.path("matchedOn").get(0).asString()).isEqualTo("pair:KZT/USD up 1%");
            });

            ConsumerRecord<String, byte[]> record = awaitPublishedAlert(alerts, alertId);
            assertThat(record.key()).isEqualTo(risingTenge);
            CloudEvent attributes = CloudEvent.readFrom(record.headers()).orElseThrow();
            assertThat(attributes.type()).isEqualTo(Topics.ALERTS.eventType());
            assertThat(attributes.source()).isEqualTo("/steppewire/notify-service");
            assertThat(Topics.ALERTS.valueSerde().deserialize(Topics.ALERTS.name(), record.value()).alertId()).isEqualTo(alertId);
        }
    }

    @Test
    void aRoundingFlickerRaisesNoAlert() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            subscribe("""
                    {"name": "Nervous tenge watcher", "channel": {"type": "webhook", "url": "%s", "secret": "nervous-tenge-secret-1"},
                     "rules": {"pairs": [{"pair": "KZT/USD", "thresholdPct": 0.01, "direction": "either"}]}}
                    """.formatted(receiver.url()));
            RateChanged flicker = Stories.tengeFlickers();
            RateChanged jump = Stories.tengeJumps();

            publish(Topics.RATE_CHANGES, flicker.pair(), flicker.changeId(), flicker);
            publish(Topics.RATE_CHANGES, jump.pair(), jump.changeId(), jump);

            // Same key, same partition: once the jump arrived, the flicker before it was judged too.
            await().atMost(PATIENCE).until(() -> receiver.all().stream().anyMatch(r -> r.body().contains(jump.changeId())));
            assertThat(receiver.all()).noneMatch(r -> r.body().contains(flicker.changeId()));
        }
    }
}

package io.steppewire.notify.delivery;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.subscription.QuietHours;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber's quiet hours hold the push of an alert until they end; the alert itself is raised, streamed and
 * published at once, and a subscriber without quiet hours gets the same news pushed at once.
 */
class QuietHoursDeliveryTest extends NotifyIntegrationTest {

    @Test
    void anAlertDuringQuietHoursWaitsForTheirEndWhileOthersGetItAtOnce() throws Exception {
        // Quiet from an hour ago to an hour from now, on the UTC clock, to the minute.
        Instant now = Instant.now();
        LocalTime from = LocalTime.ofInstant(now.minus(1, ChronoUnit.HOURS), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        LocalTime to = LocalTime.ofInstant(now.plus(1, ChronoUnit.HOURS), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        Instant quietEnd = new QuietHours(from, to, ZoneOffset.UTC).heldUntil(now).orElseThrow();
        try (WebhookReceiver sleeping = new WebhookReceiver();
             WebhookReceiver awake = new WebhookReceiver();
             KafkaConsumer<String, byte[]> alerts = readerOf(Topics.ALERTS.name())) {
            String sleeper = subscribe("""
                    {"name": "Night-shy desk", "channel": {"type": "webhook", "url": "%s", "secret": "night-shy-secret-0001"},
                     "rules": {"tags": ["quiet-hours-news"]},
                     "quietHours": {"from": "%s", "to": "%s", "timezone": "UTC"}}""".formatted(sleeping.url(), from, to));
            String insomniac = subscribe("""
                    {"name": "Always-on desk", "channel": {"type": "webhook", "url": "%s", "secret": "always-on-secret-0001"},
                     "rules": {"tags": ["quiet-hours-news"]}}""".formatted(awake.url()));
            JsonNode shown = JSON.readTree(getWithKey("/api/subscriptions/" + sleeper).body());
            assertThat(shown.path("quietHours").path("from").asString()).isEqualTo(from.toString());
            assertThat(shown.path("quietHours").path("timezone").asString()).isEqualTo("UTC");
            ArticleIngested night = Stories.article("Night Train Resumes Between Almaty and Tashkent",
                    "ALMATY – The overnight service returns after three years.", List.of("KZ"), List.of("quiet-hours-news"), List.of());

            publish(Topics.ARTICLES, night.articleId(), night.articleId(), night);

            await().atMost(PATIENCE).until(() -> awake.accepted().stream().anyMatch(r -> r.body().contains(night.articleId())));
            String heldAlert = EventIds.alert(sleeper, night.storyOrArticleId());
            assertThat(awaitPublishedAlert(alerts, heldAlert)).as("published at once, quiet hours or not").isNotNull();
            JsonNode delivery = JSON.readTree(getWithKey("/api/subscriptions/" + sleeper + "/deliveries").body()).path("items").get(0);
            assertThat(delivery.path("alertId").asString()).isEqualTo(heldAlert);
            assertThat(delivery.path("status").asString()).isEqualTo("pending");
            assertThat(delivery.path("attemptCount").asInt()).isZero();
            assertThat(Instant.parse(delivery.path("nextAttemptAt").asString())).isEqualTo(quietEnd);
            assertThat(sleeping.all()).as("nothing pushed during quiet hours").isEmpty();
            assertThat(insomniac).isNotEqualTo(sleeper);
        }
    }

    @Test
    void quietHoursAreRefusedWithWhatToFix() {
        var refused = postJson("/api/subscriptions", """
                {"name": "Confused desk", "channel": {"type": "sse"}, "rules": {"tags": ["quiet-hours-news"]},
                 "quietHours": {"from": "24:00", "to": "7:00", "timezone": "Mars/Olympus_Mons"}}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("quietHours.from", "quietHours.to", "quietHours.timezone", "HH:mm", "Asia/Almaty");
    }
}

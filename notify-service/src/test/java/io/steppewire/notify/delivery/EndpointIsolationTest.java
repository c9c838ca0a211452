package io.steppewire.notify.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.delivery.outbox.DeliveryOutbox;
import io.steppewire.notify.delivery.outbox.DeliveryWorker;
import io.steppewire.notify.delivery.outbox.EndpointGuards;
import io.steppewire.notify.support.HeldReceiver;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One slow or failing receiver must not hold back the deliveries to the others. */
class EndpointIsolationTest extends NotifyIntegrationTest {

    private static final int STORIES = 6;

    @Autowired
    EndpointGuards endpoints;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DeliveryOutbox outbox;

    @Test
    void aSlowReceiverHoldsAtMostTwoAttemptsWhileAHealthyReceiverGetsAllItsAlerts() throws Exception {
        String tag = "isolation-slow-" + UUID.randomUUID().toString().substring(0, 8);
        try (HeldReceiver slow = new HeldReceiver(); WebhookReceiver healthy = new WebhookReceiver()) {
            String slowId = subscribe(webhookSubscription("Slow Yerevan desk", slow.url(), tag));
            String healthyId = subscribe(webhookSubscription("Healthy Yerevan desk", healthy.url(), tag));
            List<ArticleIngested> stories = publishStories(tag);

            List<String> healthyAlerts = stories.stream().map(s -> EventIds.alert(healthyId, s.articleId())).toList();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(healthy.accepted()).extracting(WebhookReceiver.Received::id)
                    .containsAll(healthyAlerts));
            assertThat(slow.accepted()).as("the slow receiver is still held").isEmpty();
            assertThat(slow.mostOpenAtOnce()).as("requests open at the slow receiver at once").isLessThanOrEqualTo(2);

            slow.release();
            List<String> slowAlerts = stories.stream().map(s -> EventIds.alert(slowId, s.articleId())).toList();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(slow.accepted()).containsAll(slowAlerts));
            assertThat(slow.mostOpenAtOnce()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void retriesToOtherReceiversGoOnWhileASlowReceiversBacklogFillsItsLane() throws Exception {
        String slowTag = "isolation-backlog-" + UUID.randomUUID().toString().substring(0, 8);
        String healthyTag = "isolation-retried-" + UUID.randomUUID().toString().substring(0, 8);
        // Slow but within the attempt deadline (2 s here): it stays busy, and its circuit closed.
        try (HeldReceiver slow = new HeldReceiver(Duration.ofMillis(1500)); WebhookReceiver healthy = new WebhookReceiver()) {
            subscribe(webhookSubscription("Swamped Osh desk", slow.url(), slowTag));
            String healthyId = subscribe(webhookSubscription("Patient Naryn desk", healthy.url(), healthyTag));
            int backlog = DeliveryWorker.LANE_CAPACITY + 40;
            IntStream.range(0, backlog).mapToObj(i -> Stories.article("Osh Bazaar Stall Count " + i + " " + slowTag,
                    "OSH – The bazaar counted its stalls again, part " + i + ".", List.of("KG"), List.of(slowTag), List.of()))
                    .forEach(s -> publish(Topics.ARTICLES, s.articleId(), s.articleId(), s));
            await().atMost(PATIENCE).until(() -> meters.get("steppewire.notify.delivery.waiting").gauge().value() >= DeliveryWorker.LANE_CAPACITY);

            // Its first attempt fails: only a poll brings the retry back.
            healthy.refuseNext(1);
            ArticleIngested story = Stories.article("Naryn Bridge Reopens " + healthyTag, "NARYN – The bridge reopened on Friday.",
                    List.of("KG"), List.of(healthyTag), List.of());
            publish(Topics.ARTICLES, story.articleId(), story.articleId(), story);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(healthy.accepted()).extracting(WebhookReceiver.Received::id)
                    .containsExactly(EventIds.alert(healthyId, story.articleId())));
            assertThat(healthy.all()).hasSize(2);
            assertThat(slow.mostOpenAtOnce()).isLessThanOrEqualTo(2);
            slow.release();
        }
    }

    @Test
    void aReceiverThatKeepsFailingOpensItsCircuitGetsOneProbeAtATimeAndClosesItWhenItRecovers() throws Exception {
        String tag = "isolation-dead-" + UUID.randomUUID().toString().substring(0, 8);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.refuseNext(Integer.MAX_VALUE);
            String endpoint = DeliveryEndpoint.ofUrl(URI.create(receiver.url()));
            String subscriptionId = subscribe(webhookSubscription("Failing Tbilisi desk", receiver.url(), tag));
            List<ArticleIngested> stories = publishStories(tag);

            await().atMost(PATIENCE).until(() -> endpoints.circuitState(endpoint) == CircuitBreaker.State.OPEN
                    && endpoints.inFlight(endpoint) == 0);
            int whenOpened = receiver.all().size();
            assertThat(meters.find("steppewire.notify.delivery.circuit").tag("endpoint", endpoint).gauge()).as("the open circuit shows")
                    .isNotNull();
            // Five failures in a row open it; one more attempt may have been under way then.
            assertThat(whenOpened).isBetween(5, 6);
            // Retries are due every few hundred milliseconds, but while open only the probe gets through.
            await().atMost(PATIENCE).until(() -> receiver.all().size() > whenOpened);
            assertThat(receiver.all()).hasSize(whenOpened + 1);

            receiver.refuseNext(0);
            List<String> alerts = stories.stream().map(s -> EventIds.alert(subscriptionId, s.articleId())).toList();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id)
                    .containsAll(alerts));
            assertThat(endpoints.circuitState(endpoint)).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(meters.find("steppewire.notify.delivery.circuit").tag("endpoint", endpoint).gauge()).as("a closed circuit does not")
                    .isNull();
            JsonNode history = deliveries(subscriptionId);
            assertThat(history.path("items").valueStream().map(d -> d.path("status").asString())).containsOnly("delivered");
        }
    }

    @Test
    void aDeadReceiversBacklogWaitsParkedOutOfThePollsAndArrivesOnceEachWhenItRecovers() throws Exception {
        String tag = "isolation-parked-" + UUID.randomUUID().toString().substring(0, 8);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.refuseNext(Integer.MAX_VALUE);
            String endpoint = DeliveryEndpoint.ofUrl(URI.create(receiver.url()));
            String subscriptionId = subscribe(webhookSubscription("Unreachable Dushanbe desk", receiver.url(), tag));
            List<ArticleIngested> opening = publishStories(tag);
            await().atMost(PATIENCE).until(() -> endpoints.circuitState(endpoint) == CircuitBreaker.State.OPEN);

            List<ArticleIngested> whileOpen = IntStream.range(0, 12).mapToObj(i -> Stories.article("Dushanbe Tea House Opens Branch " + i
                    + " " + tag, "DUSHANBE – Branch " + i + " of the tea house opened.", List.of("TJ"), List.of(tag), List.of())).toList();
            whileOpen.forEach(s -> publish(Topics.ARTICLES, s.articleId(), s.articleId(), s));
            // Beside the one kept in the lane for the probe they wait parked, where no poll reads them (some may meet a
            // half-open circuit instead, whose probe is not under way yet, and wait in the lane).
            await().atMost(PATIENCE).until(() -> outbox.countParked(endpoint) >= whileOpen.size() / 2);

            receiver.refuseNext(0);
            List<String> alerts = java.util.stream.Stream.concat(opening.stream(), whileOpen.stream())
                    .map(s -> EventIds.alert(subscriptionId, s.articleId())).toList();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id)
                    .containsAll(alerts));
            assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id).as("each once").doesNotHaveDuplicates();
            await().atMost(PATIENCE).until(() -> outbox.countParked(endpoint) == 0);
        }
    }

    @Test
    void aReceiverAnsweringAbortMessageEndsTheRetriesOfThatAlert() throws Exception {
        String tag = "isolation-abort-" + UUID.randomUUID().toString().substring(0, 8);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.refuseNext(Integer.MAX_VALUE);
            receiver.abortEvery(true);
            String subscriptionId = subscribe(webhookSubscription("Aborting Baku desk", receiver.url(), tag));
            ArticleIngested story = Stories.article("Baku Boulevard Gets a New Tram Line", "BAKU – The seaside line opened on Monday.",
                    List.of("AZ"), List.of(tag), List.of());
            publish(Topics.ARTICLES, story.articleId(), story.articleId(), story);

            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode delivery = deliveries(subscriptionId).path("items").get(0);
                assertThat(delivery.path("status").asString()).isEqualTo("failed");
                assertThat(delivery.path("attemptCount").asInt()).isEqualTo(1);
                JsonNode attempt = delivery.path("attempts").get(0);
                assertThat(attempt.path("statusCode").asInt()).isEqualTo(503);
                assertThat(attempt.path("error").asString()).contains("webhook-delivery: abort-message");
                assertThat(delivery.has("nextAttemptAt") && !delivery.path("nextAttemptAt").isNull()).isFalse();
            });
            assertThat(receiver.all()).hasSize(1);
        }
    }

    private List<ArticleIngested> publishStories(String tag) {
        List<ArticleIngested> stories = IntStream.range(0, STORIES).mapToObj(i -> Stories.article(
                "Caucasus Rail Timetable Change " + i + " " + tag, "TBILISI – Trains run on a new timetable from Monday, part " + i + ".",
                List.of("GE"), List.of(tag), List.of())).toList();
        stories.forEach(s -> publish(Topics.ARTICLES, s.articleId(), s.articleId(), s));
        return stories;
    }

    private static String webhookSubscription(String name, String url, String tag) {
        return """
                {"name": "%s", "channel": {"type": "webhook", "url": "%s", "secret": "isolation-test-secret-0123"},
                 "rules": {"tags": ["%s"]}}
                """.formatted(name, url, tag);
    }

    private JsonNode deliveries(String subscriptionId) {
        var response = getWithKey("/api/subscriptions/" + subscriptionId + "/deliveries");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

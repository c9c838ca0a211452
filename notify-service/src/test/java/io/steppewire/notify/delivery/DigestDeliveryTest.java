package io.steppewire.notify.delivery;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.delivery.outbox.DeliveryWorker;
import io.steppewire.notify.delivery.outbox.EmailSender;
import io.steppewire.notify.subscription.Digest;
import io.steppewire.notify.support.Mails;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.RecorderGate;
import io.steppewire.notify.support.ShiftedClock;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Digests end to end: alerts of a digest subscription wait in its digest, which goes out at its hour as one message
 * (one signed webhook POST, or one e-mail with text, HTML and JSON), grouped by story and pair, holding exactly the
 * alerts since the one before; a crash between sending and recording re-sends the same message and nothing else; quiet
 * hours hold a digest due in them. The service's clock is moved to the digest's hour, never waited for.
 */
class DigestDeliveryTest extends NotifyIntegrationTest {

    @Autowired
    ShiftedClock clock;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    RecorderGate gate;
    @Autowired
    MongoTemplate mongo;

    @AfterEach
    void backToNow() {
        gate.disarm();
        clock.reset();
    }

    @Test
    void aWebhookDigestIsOneSignedPostOfTheAlertsSinceTheLastOneGroupedByStoryAndPair() throws Exception {
        Digest digest = Digest.daily(LocalTime.ofInstant(clock.instant().plus(Duration.ofHours(3)), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES),
                ZoneOffset.UTC);
        Instant slot = digest.slotAfter(clock.instant());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String secret = "digest-webhook-secret-01";
            String id = subscribe(webhookDigest(receiver, secret, digest, "digest-webhook-news", "TMT/USD"));
            String story = "story-" + UUID.randomUUID();
            ArticleIngested first = Stories.article("Trans-Caspian Pipeline Talks Resume in Ashgabat",
                    "ASHGABAT – Negotiators met again on Tuesday.", List.of("TM"), List.of("digest-webhook-news"), List.of()).withStoryId(story);
            ArticleIngested retold = Stories.article("Ashgabat Hosts New Round of Pipeline Talks",
                    "ASHGABAT – A new round of talks on the pipeline opened.", List.of("TM"), List.of("digest-webhook-news"), List.of()).withStoryId(story);
            ArticleIngested other = Stories.article("Turkmen Cotton Harvest Ends Early",
                    "MARY – Pickers finished two weeks ahead of plan.", List.of("TM"), List.of("digest-webhook-news"), List.of());
            RateChanged manat = manatMoves();
            publish(Topics.ARTICLES, first.articleId(), first.articleId(), first);
            publish(Topics.ARTICLES, retold.articleId(), retold.articleId(), retold);
            publish(Topics.ARTICLES, other.articleId(), other.articleId(), other);
            publish(Topics.RATE_CHANGES, manat.pair(), manat.changeId(), manat);
            String todays = bundle("digest", id, slot);

            await().atMost(PATIENCE).until(() -> held(todays).size() == 4);
            assertThat(receiver.all()).as("nothing pushed before the digest's hour").isEmpty();
            JsonNode queued = delivery(id, todays);
            assertThat(queued.path("status").asString()).isEqualTo("pending");
            assertThat(Instant.parse(queued.path("nextAttemptAt").asString())).isEqualTo(slot);
            assertThat(queued.path("holds")).extracting(JsonNode::asString).containsExactlyInAnyOrder(EventIds.alert(id, first.articleId()),
                    EventIds.alert(id, retold.articleId()), EventIds.alert(id, other.articleId()), EventIds.alert(id, manat.changeId()));

            clock.setTo(slot.plusSeconds(30));
            worker.wake();
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 1);
            WebhookReceiver.Received post = receiver.accepted().getFirst();
            assertThat(post.id()).isEqualTo(todays);
            assertThat(post.signature()).isEqualTo(WebhookSignature.sign(secret, post.id(), Long.parseLong(post.timestamp()), post.body()));
            JsonNode body = JSON.readTree(post.body());
            assertThat(body.path("type").asString()).isEqualTo("digest");
            assertThat(body.path("alertCount").asInt()).isEqualTo(4);
            assertThat(Instant.parse(body.path("to").asString())).isEqualTo(slot);
            assertThat(Instant.parse(body.path("from").asString())).isEqualTo(slot.minus(Duration.ofDays(1)));
            JsonNode stories = body.path("stories");
            assertThat(stories).hasSize(2);
            assertThat(stories.get(0).path("storyId").asString()).isEqualTo(story);
            assertThat(articleIds(stories.get(0))).containsExactly(first.articleId(), retold.articleId());
            assertThat(articleIds(stories.get(1))).containsExactly(other.articleId());
            assertThat(body.path("pairs")).singleElement().satisfies(pair -> {
                assertThat(pair.path("pair").asString()).isEqualTo("TMT/USD");
                assertThat(pair.path("alerts").get(0).path("alertId").asString()).isEqualTo(EventIds.alert(id, manat.changeId()));
            });

            // Raised after the digest went out: the next day's digest holds it, and only it.
            ArticleIngested later = Stories.article("Ashgabat Airport Opens Second Runway",
                    "ASHGABAT – The runway doubles the airport's capacity.", List.of("TM"), List.of("digest-webhook-news"), List.of());
            publish(Topics.ARTICLES, later.articleId(), later.articleId(), later);
            Instant tomorrow = digest.slotAfter(slot);
            await().atMost(PATIENCE).until(() -> held(bundle("digest", id, tomorrow)).size() == 1);
            clock.setTo(tomorrow.plusSeconds(30));
            worker.wake();
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 2);
            JsonNode second = JSON.readTree(receiver.accepted().get(1).body());
            assertThat(receiver.accepted().get(1).id()).isEqualTo(bundle("digest", id, tomorrow));
            assertThat(second.path("alertCount").asInt()).isEqualTo(1);
            List<String> everyAlert = new ArrayList<>(alertIds(body));
            everyAlert.addAll(alertIds(second));
            assertThat(everyAlert).as("each alert in exactly one message").hasSize(5).doesNotHaveDuplicates()
                    .contains(EventIds.alert(id, later.articleId()));
        }
    }

    @Test
    void aCrashBetweenSendingTheDigestAndRecordingItResendsTheSameMessageOnlyAndRecordsItOnce() throws Exception {
        Digest digest = Digest.daily(LocalTime.ofInstant(clock.instant().plus(Duration.ofHours(5)), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES),
                ZoneOffset.UTC);
        Instant slot = digest.slotAfter(clock.instant());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = subscribe(webhookDigest(receiver, "digest-crash-secret-0001", digest, "digest-crash-news", "TMT/RUB"));
            ArticleIngested one = Stories.article("Caspian Ferry Schedule Doubles", "TURKMENBASHI – Two ferries a day from April.",
                    List.of("TM"), List.of("digest-crash-news"), List.of());
            ArticleIngested two = Stories.article("Dashoguz Gets a New Hospital", "DASHOGUZ – The hospital has 400 beds.",
                    List.of("TM"), List.of("digest-crash-news"), List.of());
            publish(Topics.ARTICLES, one.articleId(), one.articleId(), one);
            publish(Topics.ARTICLES, two.articleId(), two.articleId(), two);
            String todays = bundle("digest", id, slot);
            await().atMost(PATIENCE).until(() -> held(todays).size() == 2);
            RecorderGate.Hold hold = gate.arm(todays);

            clock.setTo(slot.plusSeconds(30));
            worker.wake();
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 1);
            assertThat(hold.awaitHeld(PATIENCE)).as("the worker sent it and is stuck before its bookkeeping").isTrue();
            // As if that worker had died: once its lease is over, the digest is due again for any worker.
            clock.setTo(slot.plusSeconds(30).plus(Duration.ofSeconds(6)));
            worker.wake();
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 2);
            hold.release();

            WebhookReceiver.Received sent = receiver.accepted().get(0);
            WebhookReceiver.Received again = receiver.accepted().get(1);
            assertThat(again.id()).as("the same message id, for the receiver to drop").isEqualTo(sent.id()).isEqualTo(todays);
            assertThat(alertIds(JSON.readTree(again.body()))).isEqualTo(alertIds(JSON.readTree(sent.body())))
                    .containsExactlyInAnyOrder(EventIds.alert(id, one.articleId()), EventIds.alert(id, two.articleId()));
            await().atMost(PATIENCE).until(() -> "delivered".equals(delivery(id, todays).path("status").asString()));
            JsonNode items = JSON.readTree(getWithKey("/api/subscriptions/" + id + "/deliveries").body()).path("items");
            assertThat(items).as("one delivery, finished, nothing pending").hasSize(1);
            assertThat(receiver.accepted()).hasSize(2);
        }
    }

    @Test
    void quietHoursAlertsGoIntoTheDigestWhichWaitsOutThemAndItsEmailIsReadableWithJsonAndUnsubscribeHeaders() throws Exception {
        Digest digest = Digest.daily(LocalTime.ofInstant(clock.instant().plus(Duration.ofHours(7)), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES),
                ZoneOffset.UTC);
        Instant slot = digest.slotAfter(clock.instant());
        Instant quietEnd = slot.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        String address = "digest-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String id = subscribe("""
                {"name": "Morning digest", "channel": {"type": "email", "address": "%s"},
                 "rules": {"tags": ["digest-mail-news"], "pairs": [{"pair": "TMT/EUR", "thresholdPct": 0.5}], "perStory": false},
                 "delivery": {"mode": "digest", "digest": {"every": "day", "at": "%s", "timezone": "UTC"}},
                 "quietHours": {"from": "%s", "to": "%s", "timezone": "UTC"}}""".formatted(address, digest.at(),
                LocalTime.ofInstant(clock.instant().minus(Duration.ofHours(1)), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES), LocalTime.ofInstant(quietEnd, ZoneOffset.UTC)));
        JsonNode shown = JSON.readTree(getWithKey("/api/subscriptions/" + id).body());
        assertThat(shown.path("delivery").path("mode").asString()).isEqualTo("digest");
        assertThat(shown.path("delivery").path("digest").path("at").asString()).isEqualTo(digest.at().toString());
        String story = "story-" + UUID.randomUUID();
        ArticleIngested first = Stories.article("Uzbek Railway Opens Line to Khiva", "KHIVA – The first train arrived on Monday.",
                List.of("UZ"), List.of("digest-mail-news"), List.of()).withStoryId(story);
        ArticleIngested retold = Stories.article("First Train Reaches Khiva", "KHIVA – Crowds met the first train.",
                List.of("UZ"), List.of("digest-mail-news"), List.of()).withStoryId(story);
        RateChanged manat = RateChanged.between(Stories.quote("TMT/EUR", "0.2600", null, Stories.MORNING),
                Stories.quote("TMT/EUR", "0.2700", null, Stories.MORNING.plusSeconds(86_400)), BigDecimal.ONE, Stories.MORNING.plusSeconds(86_400));
        publish(Topics.ARTICLES, first.articleId(), first.articleId(), first);
        publish(Topics.ARTICLES, retold.articleId(), retold.articleId(), retold);
        publish(Topics.RATE_CHANGES, manat.pair(), manat.changeId(), manat);
        String todays = bundle("digest", id, slot);
        await().atMost(PATIENCE).until(() -> held(todays).size() == 3);
        assertThat(Instant.parse(delivery(id, todays).path("nextAttemptAt").asString())).as("due when the quiet hours end").isEqualTo(quietEnd);
        // Raised in the quiet hours, the alerts went into the digest: none waits on its own.
        assertThat(JSON.readTree(getWithKey("/api/subscriptions/" + id + "/deliveries").body()).path("items"))
                .extracting(item -> item.path("alertId").asString()).containsExactly(todays);

        clock.setTo(quietEnd.plusSeconds(30));
        worker.wake();
        await().atMost(PATIENCE).until(() -> !Mails.to(address).isEmpty());
        MimeMessage mail = Mails.to(address).getFirst();
        assertThat(Mails.to(address)).hasSize(1);
        assertThat(mail.getSubject()).isEqualTo("steppewire digest: 3 alerts, 1 story, 1 pair (Morning digest)");
        assertThat(mail.getMessageID()).isEqualTo("<" + todays + "@notify.steppewire>");
        assertThat(mail.getHeader(EmailSender.ALERT_ID_HEADER)[0]).isEqualTo(todays);
        assertThat(mail.getHeader("List-Unsubscribe")[0]).startsWith("<http://localhost:8084/unsubscribe?token=v1." + id + ".");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String text = Mails.part(mail, "text/plain");
        assertThat(text).contains("Your digest to", "NEWS", "* Uzbek Railway Opens Line to Khiva", "RATES", "* TMT/EUR", "TMT/EUR rose by",
                "topic digest-mail-news");
        assertThat(text.indexOf("Uzbek Railway Opens Line to Khiva")).as("the story's articles under one heading")
                .isEqualTo(text.lastIndexOf("Uzbek Railway Opens Line to Khiva"));
        assertThat(Mails.part(mail, "text/html")).contains("<h3 style=\"font-size: 1em\">Uzbek Railway Opens Line to Khiva</h3>", "First Train Reaches Khiva");
        JsonNode json = JSON.readTree(Mails.part(mail, "application/json"));
        assertThat(json.path("digestId").asString()).isEqualTo(todays);
        assertThat(json.path("alertCount").asInt()).isEqualTo(3);
    }

    @Test
    void pastMaxPerHourTheHoursOtherAlertsGoOutTogetherWhenTheHourEnds() throws Exception {
        Instant hourEnd = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
        // A minute into a fresh hour, so that the test's alerts all fall in it.
        clock.setTo(hourEnd.minus(Duration.ofMinutes(59)));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = subscribe("""
                    {"name": "Two an hour", "channel": {"type": "webhook", "url": "%s", "secret": "max-per-hour-secret-01"},
                     "rules": {"tags": ["max-per-hour-news"], "perStory": false}, "maxPerHour": 2}""".formatted(receiver.url()));
            assertThat(JSON.readTree(getWithKey("/api/subscriptions/" + id).body()).path("maxPerHour").asInt()).isEqualTo(2);
            List<String> alerts = new ArrayList<>();
            for (String title : List.of("Bishkek Metro Plan Approved", "Osh Bazaar Rebuilt", "Issyk-Kul Season Opens Early", "Naryn Dam Inspected")) {
                ArticleIngested article = Stories.article(title, "BISHKEK – " + title + ".", List.of("KG"), List.of("max-per-hour-news"), List.of());
                publish(Topics.ARTICLES, article.articleId(), article.articleId(), article);
                alerts.add(EventIds.alert(id, article.articleId()));
            }
            String rollup = bundle("rollup", id, hourEnd);
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 2 && held(rollup).size() == 2);

            clock.setTo(hourEnd.plusSeconds(30));
            worker.wake();
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 3);
            WebhookReceiver.Received summary = receiver.accepted().get(2);
            assertThat(summary.id()).isEqualTo(rollup);
            JsonNode body = JSON.readTree(summary.body());
            assertThat(body.path("type").asString()).isEqualTo("rollup");
            List<String> delivered = new ArrayList<>(List.of(receiver.accepted().get(0).id(), receiver.accepted().get(1).id()));
            delivered.addAll(alertIds(body));
            assertThat(delivered).as("every alert once: two at once, the others in the roll-up").containsExactlyInAnyOrderElementsOf(alerts);
        }
    }

    private static String webhookDigest(WebhookReceiver receiver, String secret, Digest digest, String tag, String pair) {
        return """
                {"name": "Digest of %s", "channel": {"type": "webhook", "url": "%s", "secret": "%s"},
                 "rules": {"tags": ["%s"], "pairs": [{"pair": "%s", "thresholdPct": 0.5}], "perStory": false},
                 "delivery": {"mode": "digest", "digest": {"every": "day", "at": "%s", "timezone": "UTC"}}}"""
                .formatted(tag, receiver.url(), secret, tag, pair, digest.at());
    }

    private static RateChanged manatMoves() {
        return RateChanged.between(Stories.quote("TMT/USD", "0.2850", null, Stories.MORNING),
                Stories.quote("TMT/USD", "0.2990", null, Stories.MORNING.plusSeconds(86_400)), BigDecimal.ONE, Stories.MORNING.plusSeconds(86_400));
    }

    private static String bundle(String kind, String subscriptionId, Instant slot) {
        return kind + "." + subscriptionId + "." + slot.getEpochSecond() + ".1";
    }

    private List<String> held(String bundleId) {
        Document bucket = mongo.getCollection("digests").find(new Document("_id", bundleId)).first();
        return bucket == null ? List.of() : bucket.getList("alertIds", String.class, List.of());
    }

    private JsonNode delivery(String subscriptionId, String deliveryId) {
        for (JsonNode item : JSON.readTree(getWithKey("/api/subscriptions/" + subscriptionId + "/deliveries").body()).path("items")) {
            if (deliveryId.equals(item.path("alertId").asString())) {
                return item;
            }
        }
        return JSON.missingNode();
    }

    private static List<String> articleIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        group.path("alerts").forEach(a -> ids.add(a.path("article").path("id").asString()));
        return ids;
    }

    private static List<String> alertIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        message.path("stories").forEach(s -> s.path("alerts").forEach(a -> ids.add(a.path("alertId").asString())));
        message.path("pairs").forEach(p -> p.path("alerts").forEach(a -> ids.add(a.path("alertId").asString())));
        return ids;
    }
}

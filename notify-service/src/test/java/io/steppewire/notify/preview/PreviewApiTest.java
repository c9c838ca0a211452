package io.steppewire.notify.preview;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.notify.history.ArticleHistory;
import io.steppewire.notify.history.RateChangeHistory;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.support.NotifyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The backtest through the API: what the rules would have raised over history consumed from Kafka, saving nothing. */
class PreviewApiTest extends NotifyIntegrationTest {

    /** Days of their own, so that no other test's events fall into the period. */
    private static final Instant DAY_0 = Instant.parse("2025-02-03T00:00:00Z");

    @Autowired
    ArticleHistory articleHistory;

    @Autowired
    RateChangeHistory rateHistory;

    @Autowired
    MongoTemplate mongo;

    @Test
    void answersTheAlertsEachRuleWouldHaveRaisedPerDayAndSavesNothing() {
        ArticleIngested flood = article("Syr Darya Flood Closes the Kyzylorda Road", "KYZYLORDA – Water covered the highway overnight.",
                day(1), "story-syr-darya");
        ArticleIngested floodRetold = article("Kyzylorda Highway Under Water", "KYZYLORDA – The highway flooded overnight, officials said.",
                day(1).plusSeconds(600), "story-syr-darya");
        ArticleIngested harvest = article("Kyzylorda Rice Growers Plant Early", "KYZYLORDA – A warm spring lets rice growers plant early.",
                day(2).plusSeconds(3_600), null);
        RateChanged tengeFalls = change("0.00200", day(0), "0.00190", day(2));
        RateChanged tengeSteady = change("0.00190", day(2), "0.00191", day(3));
        for (ArticleIngested article : List.of(flood, floodRetold, harvest)) {
            publish(Topics.ARTICLES, article.articleId(), article.articleId(), article);
        }
        publish(Topics.RATE_CHANGES, tengeFalls.pair(), tengeFalls.changeId(), tengeFalls);
        publish(Topics.RATE_CHANGES, tengeSteady.pair(), tengeSteady.changeId(), tengeSteady);
        await().atMost(PATIENCE).until(() -> articleHistory.candidatesBetween(day(0), day(5), new Rules(Set.of("KZ"), Set.of("kyzylorda"), Set.of(), null, null, List.of())).size() == 3
                && rateHistory.detectedBetween(day(0), day(5), Set.of("KZT/USD")).size() == 2);
        long subscriptionsBefore = subscriptionCount();

        HttpResponse<String> answer = postJson("/api/subscriptions/preview", """
                {"rules": {"countries": ["KZ"], "tags": ["kyzylorda"],
                           "pairs": [{"kind": "level", "pair": "KZT/USD", "level": "0.00195", "direction": "down"},
                                     {"pair": "KZT/USD", "thresholdPct": 1, "direction": "up"}]},
                 "from": "%s", "to": "%s"}
                """.formatted(day(0), day(5)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode preview = JSON.readTree(answer.body());
        // The flood is one story told twice: one alert. The harvest and the tenge's fall through the level: one each.
        assertThat(preview.path("total").asLong()).isEqualTo(3);
        assertThat(preview.path("alerts").valueStream().map(a -> a.path("alertId").asString())).containsExactly(
                EventIds.alert(PreviewSubscription.PREVIEW_ID, "story-syr-darya"),
                EventIds.alert(PreviewSubscription.PREVIEW_ID, tengeFalls.changeId()),
                EventIds.alert(PreviewSubscription.PREVIEW_ID, harvest.articleId()));
        assertThat(preview.path("perRule").valueStream().map(r -> r.path("rule").asString() + "=" + r.path("count").asLong()))
                .containsExactly("articles=2", "level:KZT/USD down 0.00195=1", "pair:KZT/USD up 1%=0");
        assertThat(preview.path("perDay").valueStream().map(d -> d.path("day").asString() + "=" + d.path("count").asLong()))
                .containsExactly(LocalDate.ofInstant(day(1), ZoneOffset.UTC) + "=1", LocalDate.ofInstant(day(2), ZoneOffset.UTC) + "=2");
        assertThat(subscriptionCount()).isEqualTo(subscriptionsBefore);
    }

    @Test
    void refusesAPeriodThatEndsBeforeItStartsOrIsTooLongNamingTheField() {
        assertRefused("{\"rules\": {\"countries\": [\"KZ\"]}, \"from\": \"2025-02-05T00:00:00Z\", \"to\": \"2025-02-01T00:00:00Z\"}",
                "to", "is not after from");
        assertRefused("{\"rules\": {\"countries\": [\"KZ\"]}, \"from\": \"2025-01-01T00:00:00Z\", \"to\": \"2025-06-01T00:00:00Z\"}",
                "to", "at most 92 days");
        assertRefused("{\"rules\": {\"countries\": [\"KZ\"]}, \"from\": \"yesterday\", \"to\": \"2025-06-01T00:00:00Z\"}",
                "from", "is not an ISO-8601 instant");
        assertRefused("{\"rules\": {\"countries\": [\"KZ\"]}, \"to\": \"" + "9".repeat(10_000) + "\"}", "from", "is required");
        assertRefused("{\"rules\": {\"pairs\": [{\"kind\": \"trend\", \"pair\": \"KZT/USD\", \"thresholdPct\": 1}]},"
                + " \"from\": \"2025-02-01T00:00:00Z\", \"to\": \"2025-02-05T00:00:00Z\"}", "rules.pairs[0].kind", "is not a rule kind");
    }

    @Test
    void needsTheKeysThatMaySubscribe() {
        String body = "{\"rules\": {\"countries\": [\"KZ\"]}, \"from\": \"2025-02-01T00:00:00Z\", \"to\": \"2025-02-05T00:00:00Z\"}";

        assertThat(sendAs("not-a-key-of-this-service", "POST", "/api/subscriptions/preview", body).statusCode()).isEqualTo(401);
        assertThat(sendAs(null, "POST", "/api/subscriptions/preview", body).statusCode()).isEqualTo(401);
        assertThat(sendAs(issueKey("preview-desk").key(), "POST", "/api/subscriptions/preview", body).statusCode()).isEqualTo(200);
    }

    private void assertRefused(String body, String field, String message) {
        HttpResponse<String> answer = postJson("/api/subscriptions/preview", body);
        assertThat(answer.statusCode()).as(body).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).path("errors").valueStream())
                .anySatisfy(error -> {
                    assertThat(error.path("field").asString()).isEqualTo(field);
                    assertThat(error.path("message").asString()).contains(message);
                });
    }

    private long subscriptionCount() {
        return mongo.getCollection("subscriptions").countDocuments();
    }

    private static Instant day(int days) {
        return DAY_0.plus(Duration.ofDays(days));
    }

    private static ArticleIngested article(String title, String lede, Instant firstSeenAt, String storyId) {
        ArticleIngested article = new ArticleIngested(EventIds.article("steppe-daily", title, lede), "steppe-daily", EventIds.of("page", title),
                null, title, List.of(BodyBlock.paragraph(lede)), LocalDate.ofInstant(firstSeenAt, ZoneOffset.UTC), firstSeenAt, firstSeenAt,
                List.of("KZ"), List.of(), List.of("kyzylorda"), List.of(), List.of(), List.of());
        return storyId == null ? article : article.withStoryId(storyId);
    }

    private static RateChanged change(String previousRate, Instant previousAsOf, String rate, Instant asOf) {
        return RateChanged.between(quote(previousRate, previousAsOf), quote(rate, asOf), BigDecimal.ONE, asOf);
    }

    private static RateQuoted quote(String rate, Instant asOf) {
        return RateQuoted.fromQuote("KZT/USD", new BigDecimal(rate), null, asOf, "steppe-daily", null, asOf);
    }
}

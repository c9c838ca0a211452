package io.steppewire.notify.delivery;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.delivery.outbox.EmailSender;
import io.steppewire.notify.support.Mails;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An alert e-mail is written for a person (plain text and HTML) and carries the alert's JSON for tools. */
class EmailAlertsTest extends NotifyIntegrationTest {

    @Test
    void mailsAMatchingArticleReadablyWithItsJsonAttached() throws Exception {
        String subscriptionId = subscribe("""
                {"name": "Turkmen gas by mail", "channel": {"type": "email", "address": "gas-desk@example.org"},
                 "rules": {"countries": ["TM"], "query": "gas OR pipeline"}}
                """);
        ArticleIngested pipeline = Stories.article("Galkynysh Field Adds a Fourth Gas Treatment Line",
                "MARY – The new line lets the field ship more gas into the eastbound pipeline, the operator said.",
                List.of("TM"), List.of("energy"), List.of());

        publish(Topics.ARTICLES, pipeline.articleId(), pipeline.articleId(), pipeline);

        await().atMost(PATIENCE).until(() -> !Mails.to("gas-desk@example.org").isEmpty());
        assertThat(Mails.to("gas-desk@example.org")).hasSize(1);
        MimeMessage mail = Mails.to("gas-desk@example.org").getFirst();
        String alertId = EventIds.alert(subscriptionId, pipeline.articleId());
        assertThat(mail.getSubject()).isEqualTo("steppewire: " + pipeline.title());
        assertThat(mail.getHeader(EmailSender.ALERT_ID_HEADER)[0]).isEqualTo(alertId);
        assertThat(mail.getMessageID()).as("the same on every attempt").isEqualTo("<" + alertId + "@notify.steppewire>");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("alerts@steppewire.local");
        assertThat(mail.getHeader("List-Unsubscribe")[0]).startsWith("<http://localhost:8084/unsubscribe?token=");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Mails.part(mail, "text/plain")).contains(pipeline.title(), pipeline.source() + ", " + pipeline.publishedOn(),
                "Why you get this: your subscription \"Turkmen gas by mail\" matched country TM; keywords gas OR pipeline.", "Stop these e-mails");
        assertThat(Mails.part(mail, "text/html")).contains(pipeline.title(), "<li>country TM</li>", "<li>keywords gas OR pipeline</li>");
        JsonNode json = JSON.readTree(Mails.part(mail, "application/json"));
        assertThat(json.path("alertId").asString()).isEqualTo(alertId);
        assertThat(json.path("kind").asString()).isEqualTo("article");
    }

    @Test
    void aRateAlertMailSaysHowThePairMovedWithinItsPrecisionAndTheRelatedNews() throws Exception {
        subscribe("""
                {"name": "Som watch", "channel": {"type": "email", "address": "som-desk@example.org"},
                 "rules": {"pairs": [{"pair": "KGS/CNY", "thresholdPct": 1, "direction": "up"}]}}
                """);
        ArticleIngested news = Stories.article("Kyrgyz Exporters Ship More to Kashgar", "BISHKEK – Trade through Torugart rose again.",
                List.of("KG"), List.of("trade"), List.of());
        publish(Topics.ARTICLES, news.articleId(), news.articleId(), news);
        Instant next = Stories.MORNING.plusSeconds(86_400);
        RateChanged som = RateChanged.between(Stories.quote("KGS/CNY", "0.0810", null, Stories.MORNING), Stories.quote("KGS/CNY", "0.0830", null, next),
                BigDecimal.ONE, next);

        publish(Topics.RATE_CHANGES, som.pair(), som.changeId(), som);

        await().atMost(PATIENCE).until(() -> !Mails.to("som-desk@example.org").isEmpty());
        MimeMessage mail = Mails.to("som-desk@example.org").getFirst();
        assertThat(mail.getSubject()).isEqualTo("steppewire: KGS/CNY rose 2.4691 %");
        String text = Mails.part(mail, "text/plain");
        assertThat(text).contains("KGS/CNY rose by 2.4691 % (between 2.3442 % and 2.5942 %, given the quotes' precision)",
                "from 0.0810 (2026-03-14 06:00 UTC) to 0.0830 (2026-03-15 06:00 UTC), source steppe-daily",
                "matched move of KGS/CNY up 1%", "Related news:");
        // The latest news about Kyrgyzstan as the alert carries it (other tests' articles about KG may be among them).
        JsonNode related = JSON.readTree(Mails.part(mail, "application/json")).path("relatedArticles");
        assertThat(related).isNotEmpty();
        related.forEach(article -> assertThat(text).contains("- " + article.path("title").asString() + " (" + article.path("source").asString()));
    }
}

package io.steppewire.notify.unsubscribe;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.support.Mails;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.ShiftedClock;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import io.steppewire.platform.testing.RawHttp;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One-click unsubscribe (RFC 8058): every alert e-mail's link pauses its subscription on POST, without any key; a GET
 * (a mail scanner, a preview) only shows a page; a forged, malformed or expired token is refused with problem+json.
 */
class UnsubscribeTest extends NotifyIntegrationTest {

    @Autowired
    UnsubscribeTokens tokens;
    @Autowired
    ShiftedClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void theOneClickPostOfAnEmailsLinkPausesTheSubscriptionWhileAGetChangesNothing() throws Exception {
        String address = "unsub-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String id = subscribe("""
                {"name": "Tajik cotton", "channel": {"type": "email", "address": "%s"}, "rules": {"tags": ["unsubscribe-news"]}}""".formatted(address));
        try (WebhookReceiver control = new WebhookReceiver()) {
            subscribe("""
                    {"name": "Control", "channel": {"type": "webhook", "url": "%s", "secret": "unsubscribe-control-01"},
                     "rules": {"tags": ["unsubscribe-news"]}}""".formatted(control.url()));
            ArticleIngested first = Stories.article("Khujand Cotton Mill Reopens", "KHUJAND – The mill hired 600 workers.",
                    List.of("TJ"), List.of("unsubscribe-news"), List.of());
            publish(Topics.ARTICLES, first.articleId(), first.articleId(), first);
            await().atMost(PATIENCE).until(() -> !Mails.to(address).isEmpty());
            MimeMessage mail = Mails.to(address).getFirst();
            String header = mail.getHeader("List-Unsubscribe")[0];
            assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
            String link = header.substring(1, header.length() - 1);
            String path = URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery();

            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(url(path))).GET());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
            assertThat(page.body()).contains("Tajik cotton", "<form method=\"post\"", "Nothing has changed yet");
            assertThat(subscription(id).has("pausedAt")).as("a GET pauses nothing").isFalse();

            HttpResponse<String> oneClick = send(HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
            assertThat(oneClick.statusCode()).isEqualTo(200);
            assertThat(oneClick.body()).contains("Paused");
            assertThat(subscription(id).path("pausedAt").isString()).isTrue();
            assertThat(send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody())).statusCode())
                    .as("a second click is fine").isEqualTo(200);

            // The next story reaches the control subscriber; the paused one raises nothing for it.
            ArticleIngested second = Stories.article("Dushanbe Textile Exports Rise", "DUSHANBE – Yarn exports grew by a fifth.",
                    List.of("TJ"), List.of("unsubscribe-news"), List.of());
            publish(Topics.ARTICLES, second.articleId(), second.articleId(), second);
            await().atMost(PATIENCE).until(() -> control.accepted().size() == 2);
            JsonNode items = JSON.readTree(getWithKey("/api/subscriptions/" + id + "/deliveries").body()).path("items");
            assertThat(items).extracting(i -> i.path("alertId").asString()).containsExactly(EventIds.alert(id, first.articleId()));
            assertThat(Mails.to(address)).hasSize(1);

            // A PUT resumes it.
            assertThat(putJson("/api/subscriptions/" + id, """
                    {"name": "Tajik cotton", "channel": {"type": "email", "address": "%s"}, "rules": {"tags": ["unsubscribe-news"]}}"""
                    .formatted(address)).statusCode()).isEqualTo(200);
            assertThat(subscription(id).has("pausedAt")).isFalse();
        }
    }

    @Test
    void forgedMalformedExpiredAndMissingTokensAreRefusedAndPauseNothing() throws Exception {
        String id = subscribe("""
                {"name": "Kept", "channel": {"type": "email", "address": "kept@example.org"}, "rules": {"tags": ["unsubscribe-kept"]}}""");
        String other = subscribe("""
                {"name": "Other", "channel": {"type": "email", "address": "other@example.org"}, "rules": {"tags": ["unsubscribe-kept"]}}""");
        String genuine = tokens.issue(id);
        String signature = genuine.substring(genuine.lastIndexOf('.') + 1);
        String flipped = genuine.substring(0, genuine.length() - 1) + (genuine.endsWith("A") ? "B" : "A");
        String otherSubscription = genuine.replace(id, other);
        String longerLife = genuine.replaceFirst("\\.(\\d+)\\.", ".9$1.");
        // The last of 43 base64 characters has two bits the HMAC does not use: another spelling of the same bytes.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String respelled = genuine.substring(0, genuine.length() - 1) + alphabet.charAt(alphabet.indexOf(genuine.charAt(genuine.length() - 1)) ^ 1);
        clock.setTo(clock.instant().minus(Duration.ofDays(61)));
        String expired = tokens.issue(id);
        clock.reset();

        for (String method : List.of("GET", "POST")) {
            assertRefused(method, "/unsubscribe?token=" + flipped, 403);
            assertRefused(method, "/unsubscribe?token=" + otherSubscription, 403);
            assertRefused(method, "/unsubscribe?token=" + longerLife, 403);
            assertRefused(method, "/unsubscribe?token=" + respelled, 403);
            assertRefused(method, "/unsubscribe?token=v1." + id + ".99999999999." + "A".repeat(43), 403);
            assertRefused(method, "/unsubscribe?token=" + expired, 410);
            assertRefused(method, "/unsubscribe?token=" + signature, 400);
            assertRefused(method, "/unsubscribe?token=" + "v1.".repeat(5000), 400);
            assertRefused(method, "/unsubscribe?token=", 400);
            assertRefused(method, "/unsubscribe", 400);
        }
        // The platform's edge: a wrong key is refused even here; no spelling of the path gets round the signature.
        HttpResponse<String> wrongKey = send(HttpRequest.newBuilder(URI.create(url("/unsubscribe?token=" + genuine)))
                .header("X-Api-Key", "not-a-key-at-all").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        for (String trick : List.of("/unsubscribe;x=1?token=", "/%75nsubscribe?token=", "//unsubscribe?token=", "/api/../unsubscribe?token=")) {
            assertThat(RawHttp.send(port, "POST", trick + flipped, java.util.Map.of(), "").status()).as(trick).isIn(400, 403, 404);
        }
        assertThat(subscription(id).has("pausedAt")).as("nothing paused").isFalse();
        assertThat(subscription(other).has("pausedAt")).isFalse();
    }

    private void assertRefused(String method, String path, int status) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url(path))).method(method, HttpRequest.BodyPublishers.noBody()));
        assertThat(answer.statusCode()).as(method + " " + path.substring(0, Math.min(path.length(), 120))).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    private JsonNode subscription(String id) {
        return JSON.readTree(getWithKey("/api/subscriptions/" + id).body());
    }
}

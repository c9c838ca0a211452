package io.steppewire.localstack;

import io.steppewire.platform.testing.PathTricks;
import io.steppewire.platform.testing.RawHttp;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail catcher on free ports: mail sent over SMTP, read over HTTP as a reader and the dashboard would. */
class MailCatcherTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DASHBOARD = "http://localhost:8083";

    private MailCatcher catcher;
    private Session smtp;
    private int smtpPort;
    private int webPort;

    @BeforeEach
    void start() throws IOException {
        smtpPort = PortCheck.anyFree();
        webPort = PortCheck.anyFree();
        catcher = new MailCatcher(smtpPort, webPort, List.of(DASHBOARD), Clock.systemUTC(), 3);
        catcher.start();
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        smtp = Session.getInstance(properties);
    }

    @AfterEach
    void stop() {
        catcher.close();
    }

    @Test
    void listsWhatWasSentNewestFirstAndShowsEachAsTextAndAsHtml() throws Exception {
        send(plain("alerts@steppewire.local", "Ferry <news>", "A new <b>ferry</b> line & more.", "desk@steppewire.example"));
        MimeMessage both = plain("digest@steppewire.local", "Your digest", "", "a@steppewire.example", "b@steppewire.example");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Three articles today.", "utf-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<h1>Three articles today</h1><script>alert(1)</script>", "text/html; charset=utf-8");
        both.setContent(new MimeMultipart("alternative", text, html));
        send(both);

        RawHttp.Answer list = get("/messages", Map.of());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("content-type")).startsWith("application/json");
        JsonNode messages = JSON.readTree(list.body());
        assertThat(messages).hasSize(2);
        JsonNode newest = messages.get(0);
        assertThat(newest.path("id").asLong()).isEqualTo(2);
        assertThat(newest.path("from").asString()).isEqualTo("digest@steppewire.local");
        assertThat(newest.path("to").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("a@steppewire.example", "b@steppewire.example");
        assertThat(newest.path("subject").asString()).isEqualTo("Your digest");
        assertThat(newest.path("date").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(messages.get(1).path("subject").asString()).isEqualTo("Ferry <news>");

        assertThat(get("/messages/2.txt", Map.of()).body()).isEqualTo("Three articles today.");
        RawHttp.Answer shown = get("/messages/2.html", Map.of());
        assertThat(shown.header("content-type")).startsWith("text/html");
        assertThat(shown.body()).contains("<h1>Three articles today</h1>");
        assertThat(shown.header("content-security-policy")).startsWith("sandbox").contains("default-src 'none'");

        RawHttp.Answer plainAsHtml = get("/messages/1.html", Map.of());
        assertThat(plainAsHtml.body()).contains("<pre>A new &lt;b&gt;ferry&lt;/b&gt; line &amp; more.</pre>")
                .contains("<title>Ferry &lt;news&gt;</title>");
        assertThat(get("/messages/1.txt", Map.of()).body()).isEqualTo("A new <b>ferry</b> line & more.");
        assertThat(get("/", Map.of()).body()).contains("href=\"/messages/1.html\"").contains("Ferry &lt;news&gt;")
                .doesNotContain("<news>");
    }

    @Test
    void keepsOnlyTheNewestAndSaysSoForAnOlderOne() throws Exception {
        for (int i = 1; i <= 5; i++) {
            send(plain("alerts@steppewire.local", "Alert " + i, "Body " + i, "desk@steppewire.example"));
        }

        assertThat(JSON.readTree(get("/messages", Map.of()).body()).valueStream().map(m -> m.path("id").asLong()))
                .containsExactly(5L, 4L, 3L);
        RawHttp.Answer gone = get("/messages/1.txt", Map.of());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("content-type")).startsWith("application/problem+json");
        assertThat(gone.body()).contains("the newest 3 are");
    }

    @Test
    void letsOnlyTheDashboardsOriginReadTheAnswers() throws Exception {
        RawHttp.Answer fromDashboard = get("/messages", Map.of("Origin", DASHBOARD));
        assertThat(fromDashboard.header("access-control-allow-origin")).isEqualTo(DASHBOARD);
        assertThat(fromDashboard.header("vary")).isEqualTo("Origin");

        assertThat(get("/messages", Map.of("Origin", "http://evil.example")).header("access-control-allow-origin")).isNull();
        assertThat(get("/messages", Map.of("Origin", "null")).header("access-control-allow-origin")).isNull();
        assertThat(get("/messages", Map.of()).header("access-control-allow-origin")).isNull();

        RawHttp.Answer preflight = RawHttp.send(webPort, "OPTIONS", "/messages",
                Map.of("Origin", DASHBOARD, "Access-Control-Request-Method", "GET"), "");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("access-control-allow-origin")).isEqualTo(DASHBOARD);
        assertThat(preflight.header("access-control-allow-methods")).isEqualTo("GET, HEAD");
    }

    @Test
    void refusesWritesWhateverTheKeyAndFindsNothingUnderPathTricksOrHostileIds() throws Exception {
        send(plain("alerts@steppewire.local", "Kept", "Kept body", "desk@steppewire.example"));
        String before = get("/messages", Map.of()).body();

        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (Map<String, String> key : List.of(Map.<String, String>of(), Map.of("X-Api-Key", "local-dev-key"),
                    Map.of("X-Api-Key", "wrong-key-0123456789"))) {
                for (String path : List.of("/messages", "/messages/1.txt", "/")) {
                    RawHttp.Answer answer = RawHttp.send(webPort, method, path, key, "{}");
                    assertThat(answer.status()).as(method + " " + path + " " + key).isEqualTo(405);
                    assertThat(answer.header("allow")).isEqualTo("GET, HEAD, OPTIONS");
                }
            }
        }
        for (String trick : PathTricks.of("/messages/1.txt")) {
            RawHttp.Answer answer = get(trick, Map.of());
            assertThat(answer.status()).as(trick).isIn(400, 404);
            assertThat(answer.body()).as(trick).doesNotContain("Kept body");
        }
        for (String id : List.of("0", "-1", "01", "1e3", "99999999999999999999", "1%2e", "..%2f..%2fetc%2fpasswd", "1 ", "%00")) {
            RawHttp.Answer answer = get("/messages/" + id + ".txt", Map.of());
            assertThat(answer.status()).as(id).isEqualTo(404);
            assertThat(answer.header("content-type")).as(id).startsWith("application/problem+json");
        }
        assertThat(get("/messages?limit=1", Map.of()).status()).isEqualTo(400);
        assertThat(get("/messages", Map.of("X-Api-Key", "wrong-key-0123456789")).body()).isEqualTo(before);
        assertThat(get("/messages", Map.of()).body()).isEqualTo(before);
    }

    private RawHttp.Answer get(String path, Map<String, String> headers) throws IOException {
        return RawHttp.send(webPort, "GET", path, headers, "");
    }

    private MimeMessage plain(String from, String subject, String body, String... to) throws MessagingException {
        MimeMessage message = new MimeMessage(smtp);
        message.setFrom(new InternetAddress(from));
        for (String recipient : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject, "utf-8");
        message.setText(body, "utf-8");
        return message;
    }

    /** Returns once the catcher has answered the message's end with its acceptance. */
    private void send(MimeMessage message) throws MessagingException {
        Transport.send(message);
    }
}

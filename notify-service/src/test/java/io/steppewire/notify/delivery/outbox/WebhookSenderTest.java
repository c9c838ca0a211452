package io.steppewire.notify.delivery.outbox;

import com.sun.net.httpserver.HttpServer;
import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.delivery.WebhookSignature;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.platform.net.FakeResolver;
import io.steppewire.platform.net.OutboundAddressPolicy;
import io.steppewire.platform.net.http.OutboundHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** One attempt against a real local receiver, with DNS answered by the test. */
class WebhookSenderTest {

    private static final String SECRET = "tajik-energy-desk-secret";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T10:00:00Z"), ZoneOffset.UTC);
    private static final OutboundHttp.Settings FAST = new OutboundHttp.Settings(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(2), 65_536, "steppewire-test");

    private HttpServer receiver;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.of("id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("webhook-signature"), "body", body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private Channel.Webhook hook() {
        return new Channel.Webhook(URI.create("http://hooks.example.org:" + receiver.getAddress().getPort() + "/hook"), SECRET);
    }

    private static WebhookSender sender(OutboundAddressPolicy policy, FakeResolver dns) {
        return new WebhookSender(OutboundHttp.create(policy, dns, FAST), CLOCK);
    }

    @Test
    void anAnswerWithAbortMessageFailsTheAlertForGoodEvenWithASuccessStatus() {
        receiver.createContext("/aborting", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Webhook-Delivery", " Abort-Message ");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        WebhookSender sender = sender(OutboundAddressPolicy.allowing("127.0.0.0/8"), new FakeResolver().thenAnswer("127.0.0.1"));
        Channel.Webhook aborting = new Channel.Webhook(URI.create("http://hooks.example.org:" + receiver.getAddress().getPort() + "/aborting"), SECRET);

        AttemptOutcome outcome = sender.send(aborting, "alert-2", "{\"kind\":\"article\"}");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.permanent()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(200);
        assertThat(outcome.error()).contains("webhook-delivery: abort-message");
    }

    @Test
    void deliversASignedAlertToTheAddressThatPassedThePolicy() {
        WebhookSender sender = sender(OutboundAddressPolicy.allowing("127.0.0.0/8"), new FakeResolver().thenAnswer("127.0.0.1"));

        AttemptOutcome outcome = sender.send(hook(), "alert-1", "{\"kind\":\"article\"}");

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(204);
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.get("id")).isEqualTo("alert-1");
            assertThat(request.get("signature")).isEqualTo(WebhookSignature.sign(SECRET, "alert-1",
                    Long.parseLong(request.get("timestamp")), "{\"kind\":\"article\"}"));
        });
    }

    /** Also DNS rebinding: the subscription's URL was checked against a public answer; this attempt's look-up says loopback. */
    @Test
    void aNameThatPointsInwardFailsForGoodWithoutAnyConnection() {
        WebhookSender sender = sender(OutboundAddressPolicy.publicOnly(), new FakeResolver().thenAnswer("127.0.0.1"));

        AttemptOutcome outcome = sender.send(hook(), "alert-2", "{}");

        assertThat(outcome.permanent()).isTrue();
        assertThat(outcome.error()).contains("127.0.0.1");
        assertThat(received).isEmpty();
    }

    @Test
    void aNameThatDoesNotResolveNowIsRetriedNotFailedForGood() {
        FakeResolver dns = new FakeResolver().thenFailTemporarily().thenAnswer("127.0.0.1");
        WebhookSender sender = sender(OutboundAddressPolicy.allowing("127.0.0.0/8"), dns);

        AttemptOutcome first = sender.send(hook(), "alert-3", "{}");
        AttemptOutcome second = sender.send(hook(), "alert-3", "{}");

        assertThat(first.succeeded()).isFalse();
        assertThat(first.permanent()).isFalse();
        assertThat(first.error()).contains("did not resolve");
        assertThat(second.succeeded()).isTrue();
        assertThat(received).hasSize(1);
    }
}

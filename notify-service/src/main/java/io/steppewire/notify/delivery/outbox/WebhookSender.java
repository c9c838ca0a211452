package io.steppewire.notify.delivery.outbox;

import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.delivery.WebhookSignature;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.WebhookAddressPolicy;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;

/** POSTs one alert to a webhook, signed after Standard Webhooks. */
@Component
public class WebhookSender {

    private final HttpClient http;
    private final WebhookProperties properties;
    private final WebhookAddressPolicy addressPolicy;
    private final Clock clock;

    public WebhookSender(WebhookProperties properties, WebhookAddressPolicy addressPolicy, Clock clock) {
        this.properties = properties;
        this.addressPolicy = addressPolicy;
        this.clock = clock;
        // Redirects are not followed: a receiver could otherwise point us at an address the policy refuses.
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain HTTP/1.1: no cleartext HTTP/2 upgrade attempt on each new connection to a receiver.
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public AttemptOutcome send(Channel.Webhook webhook, String alertId, String body) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Optional<String> refusal = addressPolicy.refusal(webhook.url());
        if (refusal.isPresent()) {
            return AttemptOutcome.permanent(started, Duration.ZERO, null, "The webhook URL " + refusal.get());
        }
        long timestamp = started.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "steppewire-notify")
                .header("webhook-id", alertId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(webhook.secret(), alertId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return AttemptOutcome.success(started, took, status);
            }
            if (status == 410) {
                // Standard Webhooks: 410 Gone means the receiver wants no more deliveries.
                return AttemptOutcome.permanent(started, took, status, "The receiver answered 410 Gone");
            }
            return AttemptOutcome.retryable(started, took, status, "The receiver answered HTTP " + status);
        } catch (HttpTimeoutException e) {
            return AttemptOutcome.retryable(started, Duration.ofNanos(System.nanoTime() - startNanos), null,
                    "No answer within " + properties.requestTimeout());
        } catch (IOException e) {
            return AttemptOutcome.retryable(started, Duration.ofNanos(System.nanoTime() - startNanos), null,
                    "Could not reach the receiver: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AttemptOutcome.retryable(started, Duration.ofNanos(System.nanoTime() - startNanos), null,
                    "The attempt was interrupted because delivery is stopping");
        }
    }
}

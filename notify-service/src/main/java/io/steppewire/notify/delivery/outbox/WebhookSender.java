package io.steppewire.notify.delivery.outbox;

import io.steppewire.events.TraceContext;
import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.delivery.WebhookSignature;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.platform.net.AddressRefusedException;
import io.steppewire.platform.net.HostNotResolvedException;
import io.steppewire.platform.net.http.ExchangeDeadlineExceededException;
import io.steppewire.platform.net.http.OutboundHttp;
import io.steppewire.platform.net.http.OutboundResponse;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.stereotype.Component;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * POSTs one alert to a webhook, signed after Standard Webhooks, through the platform's outbound client: it connects
 * only to the addresses that passed the policy when the name was resolved for this attempt (no second look-up, so no
 * DNS rebinding), follows no redirect, and bounds the whole exchange by {@code steppewire.outbound.exchange-deadline}.
 */
@Component
public class WebhookSender {

    /** A response header by which the receiver steers the delivery of the alert it answers. */
    public static final String DELIVERY_HEADER = "webhook-delivery";
    /** {@value #DELIVERY_HEADER} value: stop attempting this one alert; it is failed for good. */
    public static final String ABORT_MESSAGE = "abort-message";

    private final OutboundHttp http;
    private final Clock clock;

    public WebhookSender(OutboundHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** The longest one attempt can take; a delivery lease must outlast it. */
    public Duration longestAttempt() {
        return http.settings().exchangeDeadline().plus(http.settings().connectTimeout());
    }

    public AttemptOutcome send(Channel.Webhook webhook, String alertId, String body) {
        return send(webhook, alertId, body, null);
    }

    /**
     * One attempt. With the alert's W3C trace context, the request carries a {@code traceparent} of the same trace
     * with a span id of its own per attempt, so the receiver's handling joins the trace of the quote or page.
     */
    public AttemptOutcome send(Channel.Webhook webhook, String alertId, String body, @Nullable String traceparent) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        long timestamp = started.getEpochSecond();
        HttpPost request = new HttpPost(webhook.url());
        request.setHeader("User-Agent", "steppewire-notify");
        request.setHeader("webhook-id", alertId);
        request.setHeader("webhook-timestamp", Long.toString(timestamp));
        request.setHeader("webhook-signature", WebhookSignature.sign(webhook.secret(), alertId, timestamp, body));
        TraceContext.parse(traceparent).ifPresent(trace -> request.setHeader(TraceContext.TRACEPARENT, trace.child().traceparent()));
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        try {
            OutboundResponse response = http.exchangeIgnoringBody(request);
            Duration took = since(startNanos);
            int status = response.status();
            if (asksToAbort(response)) {
                return AttemptOutcome.permanent(started, took, status, "The receiver asked for no more attempts of this alert ("
                        + DELIVERY_HEADER + ": " + ABORT_MESSAGE + ", HTTP " + status + ")");
            }
            if (response.isSuccessful()) {
                return AttemptOutcome.success(started, took, status);
            }
            if (status == 410) {
                // Standard Webhooks: 410 Gone means the receiver wants no more deliveries.
                return AttemptOutcome.permanent(started, took, status, "The receiver answered 410 Gone");
            }
            return AttemptOutcome.retryable(started, took, status, "The receiver answered HTTP " + status);
        } catch (AddressRefusedException e) {
            // Before the broader IOException: an address the policy refuses will not become callable by waiting.
            return AttemptOutcome.permanent(started, since(startNanos), null, e.getMessage());
        } catch (HostNotResolvedException e) {
            return AttemptOutcome.retryable(started, since(startNanos), null, "The receiver's name did not resolve now: "
                    + e.getMessage());
        } catch (ExchangeDeadlineExceededException e) {
            return AttemptOutcome.retryable(started, since(startNanos), null, "No complete answer within " + e.deadline());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return AttemptOutcome.retryable(started, since(startNanos), null,
                        "The attempt was interrupted because delivery is stopping");
            }
            return AttemptOutcome.retryable(started, since(startNanos), null, "Could not reach the receiver: " + e);
        }
    }

    /**
     * Whether the answer carries {@code webhook-delivery: abort-message}: the receiver will never take this alert, so
     * it is failed at once, whatever the status code (even a 2xx: the receiver says it did not take it).
     */
    static boolean asksToAbort(OutboundResponse response) {
        return response.header(DELIVERY_HEADER).map(v -> v.strip().equalsIgnoreCase(ABORT_MESSAGE)).orElse(false);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}

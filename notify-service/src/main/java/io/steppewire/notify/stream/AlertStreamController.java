package io.steppewire.notify.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.notify.alerting.AlertStore;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.subscription.store.ManageSubscriptions;
import io.steppewire.platform.problem.ProblemException;
import io.steppewire.platform.security.ApiCaller;
import io.steppewire.platform.security.Callers;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A subscription's alerts as server-sent events. Each event's id is the alert's number in the
 * subscription's sequence, sent in order without skipping a number a writer may still fill (see
 * {@link AlertStreamSession}); a client that reconnects with {@code Last-Event-ID} continues right
 * after it, whichever instance serves the reconnect.
 */
@RestController
public class AlertStreamController implements SmartLifecycle {

    private final ManageSubscriptions subscriptions;
    private final AlertStore alerts;
    private final StreamProperties properties;
    private final Clock clock;
    private final StreamMeters meters;
    private final Set<AlertStreamSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    public AlertStreamController(ManageSubscriptions subscriptions, AlertStore alerts, StreamProperties properties, Clock clock,
                                 MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.properties = properties;
        this.clock = clock;
        this.meters = new StreamMeters(meters);
    }

    @Operation(summary = "Stream a subscription's alerts (server-sent events)",
            description = "Authorised by the subscription's streamToken as ?token= or Authorization: Bearer, so a browser can "
                    + "open it without an API key; or by the owner's subscriber key or the admin key in X-Api-Key. Another "
                    + "subscriber's key gets 404. Resumes after Last-Event-ID (header or ?lastEventId=).")
    @GetMapping(path = "/api/subscriptions/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable String id, @RequestParam(required = false) @Nullable String token,
                             @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
                             @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
                             @RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParam) {
        Optional<ApiCaller> caller = Callers.current();
        if (caller.isPresent()) {
            // A key authorises on its own when it may see the subscription (it could read the token anyway); another
            // subscriber's key is answered as if the subscription did not exist, like on every other endpoint.
            subscriptions.find(id, caller.get());
        } else {
            requireStreamToken(subscriptions.findLive(id), token, authorization);
        }
        long after = lastEventId(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        AlertStreamSession session = new AlertStreamSession(id, after, emitter, alerts, properties, clock, meters);
        sessions.add(session);
        emitter.onCompletion(() -> end(session));
        emitter.onTimeout(() -> end(session));
        emitter.onError(e -> end(session));
        Thread.ofVirtual().name("alert-stream-" + id).start(session);
        return emitter;
    }

    private static void requireStreamToken(Subscription subscription, @Nullable String token, @Nullable String authorization) {
        String given = token != null ? token
                : authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : null;
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                subscription.streamToken().getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Token required", given == null
                    ? "This stream needs the subscription's streamToken, as ?token=... or the header Authorization: Bearer ..., "
                    + "or the owner's key in X-Api-Key."
                    : "The token is not this subscription's streamToken.").withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
    }

    private void end(AlertStreamSession session) {
        session.close();
        sessions.remove(session);
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends open streams before the web server's graceful shutdown, which would otherwise wait for them; clients reconnect elsewhere. */
    @Override
    public void stop() {
        running = false;
        sessions.forEach(AlertStreamSession::end);
        sessions.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static long lastEventId(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Invalid Last-Event-ID",
                    "Last-Event-ID must be the id of an event from this stream (a whole number); got '" + text + "'");
        }
    }

    /** Completes the response; a client that already went away leaves nothing to complete. */
    static void closeQuietly(SseEmitter emitter) {
        try {
            emitter.complete();
        } catch (RuntimeException ignored) {
            // Already completed or the client went away: nothing left to close.
        }
    }

    static boolean trySend(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }
}

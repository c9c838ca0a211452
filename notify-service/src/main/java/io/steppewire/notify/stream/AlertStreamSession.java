package io.steppewire.notify.stream;

import io.steppewire.notify.alerting.AlertStore;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One open stream: sends the subscription's alerts in sequence order, without gaps. When the next
 * number is missing but a later one exists, it waits up to the grace period for the missing one (a
 * writer may still be committing it) before skipping it (a number taken by a writer that lost a race
 * is never filled).
 */
final class AlertStreamSession implements Runnable {

    private static final int BATCH = 100;

    private final String subscriptionId;
    private final SseEmitter emitter;
    private final AlertStore alerts;
    private final StreamProperties properties;
    private final Clock clock;
    private final AtomicInteger openStreams;
    private volatile boolean open = true;
    private long lastSent;
    private volatile Thread worker;

    AlertStreamSession(String subscriptionId, long after, SseEmitter emitter, AlertStore alerts, StreamProperties properties,
                       Clock clock, AtomicInteger openStreams) {
        this.subscriptionId = subscriptionId;
        this.lastSent = after;
        this.emitter = emitter;
        this.alerts = alerts;
        this.properties = properties;
        this.clock = clock;
        this.openStreams = openStreams;
    }

    void close() {
        open = false;
        if (worker != null) {
            LockSupport.unpark(worker);
        }
    }

    /** Ends the HTTP response now, e.g. at shutdown, rather than when the loop next wakes. */
    void end() {
        close();
        AlertStreamController.closeQuietly(emitter);
    }

    @Override
    public void run() {
        worker = Thread.currentThread();
        openStreams.incrementAndGet();
        Instant lastWrite = clock.instant();
        try {
            if (!AlertStreamController.trySend(emitter, SseEmitter.event().comment("stream of subscription " + subscriptionId))) {
                return;
            }
            while (open) {
                boolean sent = sendAvailable();
                if (sent) {
                    lastWrite = clock.instant();
                } else if (clock.instant().isAfter(lastWrite.plus(properties.heartbeat()))) {
                    if (!AlertStreamController.trySend(emitter, SseEmitter.event().comment("heartbeat"))) {
                        return;
                    }
                    lastWrite = clock.instant();
                }
                if (!sent) {
                    LockSupport.parkNanos(properties.pollInterval().toNanos());
                }
            }
        } finally {
            openStreams.decrementAndGet();
            AlertStreamController.closeQuietly(emitter);
        }
    }

    /** Sends what can be sent in order; true when anything was. */
    private boolean sendAvailable() {
        List<AlertStore.StoredAlert> next = alerts.after(subscriptionId, lastSent, BATCH);
        boolean sent = false;
        for (AlertStore.StoredAlert alert : next) {
            long sequence = alert.sequence() == null ? 0 : alert.sequence();
            if (sequence != lastSent + 1) {
                Instant sequencedAt = alert.sequencedAt() == null ? clock.instant() : alert.sequencedAt();
                if (clock.instant().isBefore(sequencedAt.plus(properties.gapGrace()))) {
                    // A lower number may still be committing: wait for it rather than send out of order.
                    return sent;
                }
            }
            SseEmitter.SseEventBuilder event = SseEmitter.event().id(Long.toString(sequence)).name("alert")
                    .data(alert.body(), MediaType.APPLICATION_JSON);
            if (!AlertStreamController.trySend(emitter, event)) {
                open = false;
                return sent;
            }
            lastSent = sequence;
            sent = true;
        }
        return sent;
    }
}

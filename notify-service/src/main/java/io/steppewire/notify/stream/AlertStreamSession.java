package io.steppewire.notify.stream;

import io.steppewire.notify.alerting.AlertStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * One open stream: sends the subscription's alerts in sequence order, each number right after the one
 * before. Numbers are reserved from a counter and written in a second step, so two writers can make a
 * later number visible before an earlier one. When the next number is missing but a later alert
 * exists, the stream holds that alert and everything after it until the missing number arrives. A
 * missing number is passed only once no writer can still be on it:
 * <ul>
 *     <li>this stream has held the later alert for the grace period. Every missing number was reserved
 *     before the later alert's number, so before this stream first saw that alert; a number not written
 *     within the grace of its reservation never is (its writer lost a race, or failed and re-numbered
 *     the alert). Only this instance's clock is involved; or</li>
 *     <li>the later alert was numbered more than twice the grace ago by its own {@code sequencedAt}
 *     (a writer's clock, read before it reserved). This lets a replay from {@code after=0} or an old
 *     Last-Event-ID pass the gaps of history without waiting for each, and bounds the wait of a client
 *     that reconnects more often than the grace.</li>
 * </ul>
 */
final class AlertStreamSession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AlertStreamSession.class);
    private static final int BATCH = 100;

    /**
     * The numbers after the last one sent are missing, up to {@code heldSequence}, the lowest number this
     * stream saw beyond them, first at {@code seenAt}. It stays valid as lower numbers fill in: each of them
     * was reserved before {@code heldSequence} too.
     */
    private record Gap(long heldSequence, Instant seenAt) {
    }

    private final String subscriptionId;
    private final SseEmitter emitter;
    private final AlertStore alerts;
    private final StreamProperties properties;
    private final Clock clock;
    private final StreamMeters meters;
    private volatile boolean open = true;
    private long lastSent;
    private @Nullable Gap gap;
    private volatile @Nullable Thread worker;

    AlertStreamSession(String subscriptionId, long after, SseEmitter emitter, AlertStore alerts, StreamProperties properties,
                       Clock clock, StreamMeters meters) {
        this.subscriptionId = subscriptionId;
        this.lastSent = after;
        this.emitter = emitter;
        this.alerts = alerts;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    void close() {
        open = false;
        Thread current = worker;
        if (current != null) {
            LockSupport.unpark(current);
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
        meters.opened();
        Instant lastWrite = clock.instant();
        try {
            if (!AlertStreamController.trySend(emitter, SseEmitter.event().comment("stream of subscription " + subscriptionId))) {
                return;
            }
            while (open) {
                boolean sent = sendWhatIsReady();
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
            meters.closed();
            AlertStreamController.closeQuietly(emitter);
        }
    }

    /** Sends the alerts that continue the sequence without a gap, or after a gap given up; true when any was sent. */
    boolean sendWhatIsReady() {
        boolean sent = false;
        for (AlertStore.StoredAlert alert : alerts.after(subscriptionId, lastSent, BATCH)) {
            Long numbered = alert.sequence();
            if (numbered == null) {
                return sent; // after() finds numbered alerts only
            }
            long sequence = numbered;
            if (sequence > lastSent + 1 && !gapGivenUp(alert, sequence)) {
                return sent;
            }
            SseEmitter.SseEventBuilder event = SseEmitter.event().id(Long.toString(sequence)).name("alert")
                    .data(alert.body(), MediaType.APPLICATION_JSON);
            if (!AlertStreamController.trySend(emitter, event)) {
                open = false;
                return sent;
            }
            sent(sequence);
            sent = true;
        }
        return sent;
    }

    private void sent(long sequence) {
        Gap current = gap;
        if (current != null && sequence < current.heldSequence()) {
            meters.filledLate();
        }
        lastSent = sequence;
        if (current != null && lastSent >= current.heldSequence()) {
            gap = null;
        }
    }

    /** Whether the numbers between the last one sent and {@code sequence} may be passed now; holds the alert otherwise. */
    private boolean gapGivenUp(AlertStore.StoredAlert later, long sequence) {
        Instant now = clock.instant();
        Duration grace = properties.gapGrace();
        Instant numberedAt = later.sequencedAt();
        if (numberedAt != null && !now.isBefore(numberedAt.plus(grace.multipliedBy(2)))) {
            meters.skipped(sequence - lastSent - 1, StreamMeters.Skip.NUMBERED_LONG_AGO);
            log.debug("Stream of subscription {} passes alert number(s) {}..{}: alert {} was numbered at {}, long before",
                    subscriptionId, lastSent + 1, sequence - 1, sequence, numberedAt);
            return true;
        }
        Gap current = gap;
        if (current == null) {
            current = new Gap(sequence, now);
            gap = current;
            // Tells a client (or an operator with curl) why the stream pauses; EventSource ignores comments.
            if (!AlertStreamController.trySend(emitter, SseEmitter.event().comment("holding alert " + sequence
                    + " until alert " + (lastSent + 1) + " arrives, at most " + grace.toMillis() + " ms"))) {
                open = false;
                return false;
            }
        }
        if (now.isBefore(current.seenAt().plus(grace))) {
            return false;
        }
        meters.skipped(sequence - lastSent - 1, StreamMeters.Skip.GRACE_EXPIRED);
        log.warn("Stream of subscription {} passes alert number(s) {}..{}: not written within {} of alert {}; their writer "
                + "lost a race, or failed and numbered the alerts again", subscriptionId, lastSent + 1, sequence - 1, grace, sequence);
        return true;
    }
}

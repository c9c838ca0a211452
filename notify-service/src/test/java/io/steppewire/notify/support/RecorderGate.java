package io.steppewire.notify.support;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the delivery worker's write of one finished delivery's history (its {@code deliveries} document) until the test lets it go, and notes whether the writing thread was
 * interrupted meanwhile. Does nothing until a test {@link #arm arms} it, so the shared context's other
 * tests are not affected.
 */
public final class RecorderGate implements CommandListener {

    private final AtomicReference<Hold> armed = new AtomicReference<>();

    /** Holds the next history write of this delivery, once. */
    public Hold arm(String alertId) {
        Hold hold = new Hold(alertId);
        armed.set(hold);
        return hold;
    }

    /** Holds nothing more, and lets a held write go. */
    public void disarm() {
        Hold hold = armed.getAndSet(null);
        if (hold != null) {
            hold.release();
        }
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        Hold hold = armed.get();
        if (hold != null && "update".equals(event.getCommandName()) && recordsAttemptOf(event.getCommand(), hold.alertId)
                && armed.compareAndSet(hold, null)) {
            hold.holdHere();
        }
    }

    private static boolean recordsAttemptOf(BsonDocument command, String alertId) {
        if (!new BsonString("deliveries").equals(command.get("update"))) {
            return false;
        }
        for (BsonValue update : command.getArray("updates", new BsonArray())) {
            BsonDocument u = update.asDocument();
            if (new BsonString(alertId).equals(u.getDocument("q", new BsonDocument()).get("_id"))) {
                return true;
            }
        }
        return false;
    }

    /** One held write. */
    public static final class Hold {

        private final String alertId;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean interrupted;

        private Hold(String alertId) {
            this.alertId = alertId;
        }

        private void holdHere() {
            held.countDown();
            boolean wasInterrupted = false;
            // Waits out interrupts so the test decides when the write goes on; each is noted.
            while (true) {
                try {
                    released.await();
                    break;
                } catch (InterruptedException e) {
                    wasInterrupted = true;
                    interrupted = true;
                }
            }
            if (wasInterrupted) {
                // Handed on, so the driver then fails the write as it would have.
                Thread.currentThread().interrupt();
            }
        }

        public boolean awaitHeld(Duration patience) throws InterruptedException {
            return held.await(patience.toMillis(), TimeUnit.MILLISECONDS);
        }

        public void release() {
            released.countDown();
        }

        /** Whether the writing thread was interrupted while its write was held. */
        public boolean wasInterrupted() {
            return interrupted;
        }
    }

    /** Registers the gate with the context's MongoDB client. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Registration {

        @Bean
        RecorderGate recorderGate() {
            return new RecorderGate();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer recorderGateListener(RecorderGate gate) {
            return settings -> settings.addCommandListener(gate);
        }
    }
}

package io.steppewire.notify.support;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonString;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the subscriber key store stop answering: while {@link #close() closed}, every look-up in
 * {@code subscriber_keys} waits until the gate opens again (or the waiting thread is interrupted), as with a
 * store that hangs. Open by default, so the shared context's other tests are not affected.
 */
public final class KeyStoreGate implements CommandListener {

    private final AtomicReference<CountDownLatch> closed = new AtomicReference<>();

    /** From now on, key look-ups hang. */
    public void close() {
        closed.compareAndSet(null, new CountDownLatch(1));
    }

    /** Lets waiting and later look-ups through. */
    public void open() {
        CountDownLatch latch = closed.getAndSet(null);
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        CountDownLatch latch = closed.get();
        if (latch != null && "find".equals(event.getCommandName())
                && new BsonString("subscriber_keys").equals(event.getCommand().get("find"))) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                // The resolver gave up waiting; the driver then fails the command as it would have.
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Registers the gate with the context's MongoDB client. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Registration {

        @Bean
        KeyStoreGate keyStoreGate() {
            return new KeyStoreGate();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer keyStoreGateListener(KeyStoreGate gate) {
            return settings -> settings.addCommandListener(gate);
        }
    }
}

package io.steppewire.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in service for {@link ServiceProcessTest}: on SIGTERM it takes a while to finish its work, as a
 * service finishing in-flight deliveries does, and notes when it is done. JDK only, so it runs from a jar of its own.
 */
public final class SlowStoppingService {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("steppewire.test.dir"));
        long stopMillis = Long.parseLong(System.getProperty("steppewire.test.stop-millis"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> finish(dir, stopMillis)));
        Files.writeString(dir.resolve("started"), System.getProperty("spring.lifecycle.timeout-per-shutdown-phase", ""));
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void finish(Path dir, long stopMillis) {
        try {
            Thread.sleep(stopMillis);
            Files.writeString(dir.resolve("finished"), "in-flight work done");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SlowStoppingService() {
    }
}

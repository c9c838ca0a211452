package io.steppewire.localstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the machine was doing: the load average decides the tails on a shared machine, so every figure is printed with it. */
final class Machine {

    private Machine() {
    }

    /** {@code /proc/loadavg}'s 1, 5 and 15 minute averages, the time and the cores, on one line. */
    static String loadLine() {
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            load = "unknown (" + e.getMessage() + ")";
        }
        return "load average " + load + " on " + Runtime.getRuntime().availableProcessors() + " cores at "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}

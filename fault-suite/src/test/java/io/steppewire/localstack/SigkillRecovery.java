package io.steppewire.localstack;

import io.steppewire.localstack.StackSettings.Part;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * SIGKILL of one instance of a service, its restart at once, and how long until it processes again (issue #12: at most
 * 10 s), with where the time went, read from the restarted service's own log.
 */
final class SigkillRecovery {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\S+)\\s");
    private static final Pattern STARTED = Pattern.compile("Started \\S+ in [\\d.]+ seconds \\(process running for ([\\d.]+)\\)");
    /** Spring Kafka's listener containers, once per container; Kafka Streams once the stream runs. */
    private static final Pattern CONSUMING = Pattern.compile("partitions assigned: \\[|State transition from REBALANCING to RUNNING");

    /**
     * From the SIGKILL, as instants after it: the new process spawned, its JVM started (by the JVM's own uptime), the
     * Spring context ready, the last listener given its partitions (or the stream running), the service healthy, and
     * every probe processed. A step the log does not show (ingest-service has no consumer group) is null.
     */
    record Timeline(Part part, Duration spawned, @Nullable Duration jvmStarted, @Nullable Duration contextReady,
                    @Nullable Duration consuming, Duration healthy, Duration processing) {

        @Override
        public String toString() {
            return "%s after SIGKILL: spawned %s, JVM started %s, context ready %s, partitions assigned %s, healthy %s, processing %s"
                    .formatted(part.label(), seconds(spawned), seconds(jvmStarted), seconds(contextReady), seconds(consuming),
                            seconds(healthy), seconds(processing));
        }

        private static String seconds(@Nullable Duration duration) {
            return duration == null ? "n/a" : "%.1f s".formatted(duration.toMillis() / 1000.0);
        }
    }

    private SigkillRecovery() {
    }

    /** Kills instance 0 of the service, restarts it at once, sends its probe and waits until the probe is processed. */
    static Timeline measure(LocalStack stack, Part part, RecoveryProbes probes) throws Exception {
        ServiceProcess service = stack.instance(part, 0);
        long logOffset = Files.size(service.log());
        try (RecoveryProbes.Probe probe = probes.prepare(part);
             var restarts = Executors.newVirtualThreadPerTaskExecutor()) {
            Instant killed = Instant.now();
            stack.kill(part, 0);
            CompletableFuture<Instant> healthy = CompletableFuture.supplyAsync(() -> {
                try {
                    stack.restart(part, 0);
                    return Instant.now();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }, restarts);
            probe.sendWhileDown();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(probe::processed);
            Instant processing = Instant.now();
            Instant healthyAt = healthy.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return timeline(part, killed, service, logOffset, healthyAt, processing);
        }
    }

    private static Timeline timeline(Part part, Instant killed, ServiceProcess service, long logOffset, Instant healthy,
                                     Instant processing) throws IOException {
        Instant jvmStarted = null;
        Instant contextReady = null;
        Instant consuming = null;
        for (String line : linesFrom(service.log(), logOffset)) {
            Matcher time = LOG_TIME.matcher(line);
            if (!time.find()) {
                continue;
            }
            Instant at = OffsetDateTime.parse(time.group(1)).toInstant();
            Matcher started = STARTED.matcher(line);
            if (contextReady == null && started.find()) {
                contextReady = at;
                jvmStarted = at.minusMillis(Math.round(Double.parseDouble(started.group(1)) * 1000));
            }
            if (CONSUMING.matcher(line).find() && !at.isAfter(processing)) {
                consuming = at;
            }
        }
        return new Timeline(part, Duration.between(killed, service.lastStarted()), since(killed, jvmStarted),
                since(killed, contextReady), since(killed, consuming), Duration.between(killed, healthy),
                Duration.between(killed, processing));
    }

    private static @Nullable Duration since(Instant killed, @Nullable Instant at) {
        return at == null ? null : Duration.between(killed, at);
    }

    private static String[] linesFrom(Path log, long offset) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            in.skipNBytes(offset);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        }
    }
}

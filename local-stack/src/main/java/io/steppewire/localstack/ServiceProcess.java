package io.steppewire.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One steppewire service run from its executable jar as a child process, with its log in a file. */
final class ServiceProcess implements AutoCloseable {

    /** How much of a service's log a failure to start carries. */
    private static final int FAILURE_LOG_LINES = 40;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Spring's limit per shutdown phase ({@code spring.lifecycle.timeout-per-shutdown-phase}), given to every service:
     * longer than an attempt's whole exchange (notify's 10 s), so a graceful stop lets in-flight work finish.
     */
    static final Duration SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(15);

    /**
     * The phases of a graceful stop that may each take the whole phase timeout: the web server's requests, the
     * listener containers' batches and notify's delivery worker.
     */
    static final int BLOCKING_SHUTDOWN_PHASES = 3;

    private final String name;
    private final int port;
    private final StartupCache.Launch launch;
    private final Path log;
    private final Duration forceKillAfter;
    private Process process;
    private Instant lastStarted = Instant.EPOCH;
    private Map<String, String> environment;
    private List<String> jvmOptions;

    ServiceProcess(String name, int port, StartupCache.Launch launch, Path log) {
        this.name = name;
        this.port = port;
        this.launch = launch;
        this.log = log;
        this.forceKillAfter = forceKillAfter(SHUTDOWN_PHASE_TIMEOUT);
    }

    /** A service started from its jar as it is, without a start-up cache. */
    ServiceProcess(String name, int port, Path jar, Path log) {
        this(name, port, StartupCache.Launch.plain(jar), log);
    }

    /**
     * How long {@link #close()} waits after SIGTERM before SIGKILL: every blocking phase may take its whole timeout,
     * and the JVM then runs its own shutdown hooks. Derived, so raising the phase timeout raises this too.
     */
    static Duration forceKillAfter(Duration shutdownPhaseTimeout) {
        return shutdownPhaseTimeout.multipliedBy(BLOCKING_SHUTDOWN_PHASES).plusSeconds(10);
    }

    /** The JVM option that sets Spring's shutdown phase timeout to the one {@link #forceKillAfter} is derived from. */
    static String shutdownPhaseOption() {
        return "-Dspring.lifecycle.timeout-per-shutdown-phase=" + SHUTDOWN_PHASE_TIMEOUT.toSeconds() + "s";
    }

    /** The JVM the stack runs on, which runs the services too. */
    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The executable jar a build left in {@code <service>/target}; tells how to build it when there is none. */
    static Path jarOf(Path repository, String service) {
        Path target = repository.resolve(service).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> {
                        String file = p.getFileName().toString();
                        return file.startsWith(service + "-") && file.endsWith(".jar")
                                && !file.endsWith("-tests.jar") && !file.endsWith("-sources.jar");
                    })
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No executable jar of " + service + " in " + target
                            + ": build it first with ./mvnw -DskipTests package (local-stack/start does)."));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + target, e);
        }
    }

    String name() {
        return name;
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** The file the service logs to; every start appends to it. */
    Path log() {
        return log;
    }

    /** Whether the service starts from its start-up cache. */
    boolean cached() {
        return launch.cached();
    }

    void start(Map<String, String> environment, List<String> jvmOptions) throws IOException {
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        command.addAll(launch.jvmOptions());
        command.add(shutdownPhaseOption());
        command.add("-jar");
        command.add(launch.jar().toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        process = builder.start();
        lastStarted = Instant.now();
    }

    /** The last {@code lines} lines of the file, or a note that it could not be read. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(the log could not be read: " + e.getMessage() + ")";
        }
    }

    /** When the latest start spawned the process. */
    Instant lastStarted() {
        return lastStarted;
    }

    /** Waits until {@code /actuator/health} answers UP; fails early when the process dies. */
    void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                // The log's end goes into the message: a test's data folder, the log's home, is gone once it ends.
                throw new IllegalStateException(name + " stopped with exit code " + process.exitValue()
                        + " before it became healthy; see " + log + ", which ends:\n" + tail(log, FAILURE_LOG_LINES));
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not become healthy within " + timeout.toSeconds() + " s; see " + log);
    }

    /** Starts the service again as it was started last, e.g. after {@link #kill()}. */
    void restart() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        start(environment, jvmOptions);
    }

    /** Ends the service at once with SIGKILL, as a crash would: no shutdown hook, no goodbye to Kafka. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    Duration forceKillAfter() {
        return forceKillAfter;
    }

    /**
     * Asks for a graceful stop (SIGTERM: requests, batches and deliveries in flight finish, then Kafka clients
     * close), and forces one only after {@link #forceKillAfter()}.
     */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(forceKillAfter.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package io.steppewire.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Each service's start-up cache: its jar unpacked, and a JDK AOT cache (JEP 483, 514, 515) of the classes it loads,
 * links and profiles while its Spring context starts. A service started from it does about half the work before it
 * serves and consumes, which is most of the time between a SIGKILL and resumed processing.
 *
 * <p>The cache of a jar is built once, on the first start that finds none: the jar is unpacked (the JDK caches classes
 * of plain jars only, not of a Spring Boot jar's nested ones), then a training run starts the service's context and
 * exits before anything starts to serve or consume ({@code spring.context.exit=onRefresh}), and the JVM writes the
 * cache as it exits. The cache's folder is named by the jar's SHA-256 and by the JDK and the JVM options, so a
 * rebuilt jar, another JDK or other options train a new one; older caches of the service are deleted then.
 *
 * <p>Whatever goes wrong (a JDK without AOT caches, a failed or timed-out training, no room on disk), the service
 * starts from its jar as it always did. The JVM itself, given a cache it cannot use, starts without it.
 */
final class StartupCache implements AutoCloseable {

    /** A service's command past the {@code java} executable and the stack's JVM options. */
    record Launch(List<String> jvmOptions, Path jar, boolean cached) {

        static Launch plain(Path jar) {
            return new Launch(List.of(), jar, false);
        }
    }

    static final String CACHE_FILE = "app.aot";
    static final String UNPACKED = "app";
    /** Written last: a folder without it is a build that did not finish, and is built again. */
    static final String READY = "ready";

    /** Generous: four trainings at once on a loaded 2-core machine took 4 min; it only stops one that hangs. */
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(10);

    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final String javaCommand;
    private final Consumer<String> log;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    StartupCache(Path root, String javaCommand, Consumer<String> log) {
        this.root = root;
        this.javaCommand = javaCommand;
        this.log = log;
    }

    /**
     * How to start the service: from its cache, trained now when there is none for this jar, JDK and options; from the
     * jar itself when no cache can be had. Training starts the service's context once, so the broker and the store
     * must be up, as for the service itself.
     */
    Launch prepare(String service, Path jar, List<String> jvmOptions, Map<String, String> environment) {
        Path dir;
        try {
            dir = root.resolve(service + "-" + key(jar, jvmOptions));
            Files.createDirectories(root);
        } catch (IOException e) {
            log.accept("No start-up cache for " + service + " (" + e.getMessage() + "); it starts from its jar");
            return Launch.plain(jar);
        }
        Launch cached = new Launch(List.of("-XX:AOTCache=" + dir.resolve(CACHE_FILE).toAbsolutePath()),
                dir.resolve(UNPACKED).resolve(jar.getFileName()), true);
        // Another stack on the same caches (the checkout's test stacks share theirs) waits here, then finds it ready:
        // a file lock between processes, and a lock in this one, where the JVM refuses a second lock of the same file.
        Path lockFile = root.resolve(service + ".lock").toAbsolutePath();
        ReentrantLock inProcess = IN_PROCESS_LOCKS.computeIfAbsent(lockFile, file -> new ReentrantLock());
        inProcess.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.exists(dir.resolve(READY))) {
                return cached;
            }
            return build(service, jar, jvmOptions, environment, dir, cached);
        } catch (IOException e) {
            log.accept("No start-up cache for " + service + " (" + e.getMessage() + "); it starts from its jar");
            return Launch.plain(jar);
        } finally {
            inProcess.unlock();
        }
    }

    private Launch build(String service, Path jar, List<String> jvmOptions, Map<String, String> environment, Path dir,
                         Launch cached) {
        Path trainingLog = trainingLog(service);
        try {
            removeCachesOf(service);
            Files.createDirectories(dir);
            log.accept("Building the start-up cache of " + service + " for this jar (once per build; log: " + trainingLog + ")");
            run(List.of(javaCommand, "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract",
                    "--destination", dir.resolve(UNPACKED).toAbsolutePath().toString()), Map.of(), trainingLog, "unpacking the jar");
            List<String> training = new ArrayList<>();
            training.add(javaCommand);
            training.addAll(jvmOptions);
            training.add("-XX:AOTCacheOutput=" + dir.resolve(CACHE_FILE).toAbsolutePath());
            // Starts the context, then exits before the web server, the listeners and the workers start.
            training.add("-Dspring.context.exit=onRefresh");
            training.add("-jar");
            training.add(cached.jar().toAbsolutePath().toString());
            // Port 0: no clash with a running instance, and no static group identity to take over.
            Map<String, String> trainingEnvironment = new HashMap<>(environment);
            trainingEnvironment.put("SERVER_PORT", "0");
            run(training, trainingEnvironment, trainingLog, "the training run");
            if (!Files.exists(dir.resolve(CACHE_FILE))) {
                throw new IllegalStateException("the training run wrote no " + CACHE_FILE);
            }
            Files.writeString(dir.resolve(READY), jar.toAbsolutePath() + "\n");
            return cached;
        } catch (IOException | IllegalStateException e) {
            log.accept("No start-up cache for " + service + " (" + e.getMessage() + "; see " + trainingLog + "); it starts from its jar");
            delete(dir);
            return Launch.plain(jar);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delete(dir);
            return Launch.plain(jar);
        }
    }

    /** What the latest training of the service printed; next to the caches, so that it outlives a test's data. */
    Path trainingLog(String service) {
        return root.resolve(service + "-training.log");
    }

    /** The jar's SHA-256, then a digest of the JDK and the JVM options, which the cache depends on too. */
    static String key(Path jar, List<String> jvmOptions) throws IOException {
        MessageDigest jarDigest = sha256();
        try (InputStream in = Files.newInputStream(jar)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                jarDigest.update(buffer, 0, n);
            }
        }
        MessageDigest runtimeDigest = sha256();
        runtimeDigest.update((Runtime.version() + " " + System.getProperty("java.vm.name") + " " + String.join(" ", jvmOptions))
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(jarDigest.digest(), 0, 8) + "-" + HexFormat.of().formatHex(runtimeDigest.digest(), 0, 4);
    }

    private void run(List<String> command, Map<String, String> environment, Path output, String what)
            throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("the stack is stopping");
        }
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        running.add(process);
        try {
            if (!process.waitFor(TRAINING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(what + " took over " + TRAINING_TIMEOUT.toMinutes() + " min");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " ended with exit code " + process.exitValue());
            }
        } finally {
            running.remove(process);
        }
    }

    private void removeCachesOf(String service) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> Files.isDirectory(d) && d.getFileName().toString().startsWith(service + "-"))
                    .forEach(StartupCache::delete);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // A leftover folder has no ready mark, so it is never used; the next start builds it again.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Ends training runs still going, e.g. when the stack is stopped while it builds caches. */
    @Override
    public void close() {
        closed = true;
        running.forEach(Process::destroyForcibly);
    }
}

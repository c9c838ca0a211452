package io.steppewire.localstack;

import io.steppewire.localstack.StartupCache.Launch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StartupCacheTest {

    private static final List<String> JVM_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC");

    @TempDir
    Path dir;

    private final List<String> messages = new CopyOnWriteArrayList<>();

    @Test
    void aJarIsTrainedOnceAndStartsFromItsCacheFromThenOn() throws Exception {
        Path jar = TestJars.executableJarOf(FakeBootService.class, dir.resolve("fake-service.jar"));
        StartupCache cache = cache();

        Launch first = cache.prepare("fake-service", jar, JVM_OPTIONS, environment(Map.of()));
        Launch second = cache.prepare("fake-service", jar, JVM_OPTIONS, environment(Map.of()));

        assertThat(first.cached()).isTrue();
        assertThat(second).isEqualTo(first);
        assertThat(first.jar()).isNotEqualTo(jar).hasFileName("fake-service.jar").exists();
        assertThat(dir.resolve("trainings")).hasContent("trained");
        // AOTMode=on: the JVM refuses to start unless it can use the cache.
        assertThat(exitCodeOf(first, "-XX:AOTMode=on")).isZero();
    }

    @Test
    void twoStacksOnTheSameCachesTrainAJarOnce() throws Exception {
        Path jar = TestJars.executableJarOf(FakeBootService.class, dir.resolve("fake-service.jar"));
        StartupCache one = cache();
        StartupCache other = cache();

        CompletableFuture<Launch> first = CompletableFuture.supplyAsync(() ->
                one.prepare("fake-service", jar, JVM_OPTIONS, environment(Map.of())));
        Launch second = other.prepare("fake-service", jar, JVM_OPTIONS, environment(Map.of()));

        assertThat(first.get(2, TimeUnit.MINUTES)).isEqualTo(second);
        assertThat(second.cached()).isTrue();
        assertThat(dir.resolve("trainings")).hasContent("trained");
    }

    @Test
    void aRebuiltJarIsTrainedAgainAndTheOldJarsCacheIsDeleted() throws Exception {
        Path jar = dir.resolve("fake-service.jar");
        StartupCache cache = cache();
        Launch before = cache.prepare("fake-service", TestJars.executableJarOf(FakeBootService.class, jar, "1"),
                JVM_OPTIONS, environment(Map.of()));

        Launch after = cache.prepare("fake-service", TestJars.executableJarOf(FakeBootService.class, jar, "2"),
                JVM_OPTIONS, environment(Map.of()));

        assertThat(after.cached()).isTrue();
        assertThat(after.jar()).isNotEqualTo(before.jar()).exists();
        assertThat(before.jar()).doesNotExist();
        assertThat(cacheFolders()).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("trainings"))).hasSize(2);
    }

    @Test
    void theCacheIsKeyedByTheJarsBytesAndByTheJvmOptions() throws Exception {
        Path jar = TestJars.executableJarOf(FakeBootService.class, dir.resolve("a.jar"), "1");
        Path sameBytes = Files.copy(jar, dir.resolve("b.jar"));
        Path rebuilt = TestJars.executableJarOf(FakeBootService.class, dir.resolve("c.jar"), "2");

        assertThat(StartupCache.key(sameBytes, JVM_OPTIONS)).isEqualTo(StartupCache.key(jar, JVM_OPTIONS));
        assertThat(StartupCache.key(rebuilt, JVM_OPTIONS)).isNotEqualTo(StartupCache.key(jar, JVM_OPTIONS));
        assertThat(StartupCache.key(jar, List.of("-Xmx128m", "-XX:+UseSerialGC"))).isNotEqualTo(StartupCache.key(jar, JVM_OPTIONS));
    }

    @Test
    void aJarThatIsNoSpringBootJarStartsAsItIsAndLeavesNoCache() throws Exception {
        Path jar = TestJars.executableJarOf(SlowStoppingService.class, dir.resolve("plain.jar"));

        Launch launch = cache().prepare("plain-service", jar, JVM_OPTIONS, environment(Map.of()));

        assertThat(launch).isEqualTo(Launch.plain(jar));
        assertThat(cacheFolders()).isEmpty();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("No start-up cache for plain-service").contains("from its jar"));
    }

    @Test
    void aFailedTrainingRunLeavesNoCacheAndTheServiceStartsFromItsJar() throws Exception {
        Path jar = TestJars.executableJarOf(FakeBootService.class, dir.resolve("fake-service.jar"));

        Launch launch = cache().prepare("fake-service", jar, JVM_OPTIONS,
                environment(Map.of(FakeBootService.TRAINING_EXIT_CODE, "3")));

        assertThat(launch).isEqualTo(Launch.plain(jar));
        assertThat(cacheFolders()).isEmpty();
        Path trainingLog = dir.resolve("cache").resolve("fake-service-training.log");
        assertThat(trainingLog).exists();
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("exit code 3").contains(trainingLog.toString()));
    }

    @Test
    void stoppingTheStackEndsATrainingRunStillGoing() throws Exception {
        Path jar = TestJars.executableJarOf(FakeBootService.class, dir.resolve("fake-service.jar"));
        StartupCache cache = cache();
        CompletableFuture<Launch> launch = CompletableFuture.supplyAsync(() -> cache.prepare("fake-service", jar, JVM_OPTIONS,
                environment(Map.of(FakeBootService.TRAINING_MILLIS, "600000"))));
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("trainings")));

        cache.close();

        assertThat(launch.get(30, TimeUnit.SECONDS)).isEqualTo(Launch.plain(jar));
        assertThat(cacheFolders()).isEmpty();
    }

    private StartupCache cache() {
        return new StartupCache(dir.resolve("cache"), ServiceProcess.javaCommand(), messages::add);
    }

    private Map<String, String> environment(Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(more);
        environment.put(FakeBootService.TRAININGS, dir.resolve("trainings").toString());
        return environment;
    }

    private List<Path> cacheFolders() throws Exception {
        Path root = dir.resolve("cache");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory).toList();
        }
    }

    private int exitCodeOf(Launch launch, String option) throws Exception {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaCommand()));
        command.addAll(JVM_OPTIONS);
        command.addAll(launch.jvmOptions());
        command.add(option);
        command.addAll(List.of("-jar", launch.jar().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the run ended").isTrue();
        return process.exitValue();
    }
}

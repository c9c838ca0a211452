package io.steppewire.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServiceProcessTest {

    @Test
    void theForceKillWaitsLongerThanEveryBlockingShutdownPhaseTogether() {
        Duration phase = ServiceProcess.SHUTDOWN_PHASE_TIMEOUT;

        assertThat(ServiceProcess.forceKillAfter(phase))
                .isGreaterThan(phase.multipliedBy(ServiceProcess.BLOCKING_SHUTDOWN_PHASES));
        assertThat(new ServiceProcess("notify-service", 8084, Path.of("notify.jar"), Path.of("notify.log")).forceKillAfter())
                .isEqualTo(ServiceProcess.forceKillAfter(phase));
    }

    @Test
    void aLongerPhaseTimeoutMovesTheForceKillWithIt() {
        assertThat(ServiceProcess.forceKillAfter(Duration.ofSeconds(30)))
                .isGreaterThan(ServiceProcess.forceKillAfter(Duration.ofSeconds(15)))
                .isGreaterThan(Duration.ofSeconds(90));
    }

    @Test
    void everyServiceIsToldThePhaseTimeoutTheForceKillIsDerivedFrom() {
        assertThat(ServiceProcess.shutdownPhaseOption())
                .isEqualTo("-Dspring.lifecycle.timeout-per-shutdown-phase=" + ServiceProcess.SHUTDOWN_PHASE_TIMEOUT.toSeconds() + "s");
    }

    @Test
    void aServiceThatTakesSecondsToStopGracefullyIsLetFinishItsWorkNotKilled(@TempDir Path dir) throws Exception {
        ServiceProcess service = new ServiceProcess("slow-stopping", 1, jarOfSlowStoppingService(dir), dir.resolve("slow.log"));
        service.start(Map.of(), List.of("-Dsteppewire.test.dir=" + dir, "-Dsteppewire.test.stop-millis=3000"));
        Path started = dir.resolve("started");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(started) && Files.size(started) > 0);

        service.close();

        assertThat(dir.resolve("finished")).hasContent("in-flight work done");
        assertThat(started).hasContent(ServiceProcess.SHUTDOWN_PHASE_TIMEOUT.toSeconds() + "s");
    }

    /** An executable jar holding only {@link SlowStoppingService}, as a service's jar holds the service. */
    private static Path jarOfSlowStoppingService(Path dir) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SlowStoppingService.class.getName());
        Path jar = dir.resolve("slow-stopping.jar");
        String entry = SlowStoppingService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream classFile = SlowStoppingService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}

package io.steppewire.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        Path jar = TestJars.executableJarOf(SlowStoppingService.class, dir.resolve("slow-stopping.jar"));
        ServiceProcess service = new ServiceProcess("slow-stopping", 1, jar, dir.resolve("slow.log"));
        service.start(Map.of(), List.of("-Dsteppewire.test.dir=" + dir, "-Dsteppewire.test.stop-millis=3000"));
        Path started = dir.resolve("started");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(started) && Files.size(started) > 0);

        service.close();

        assertThat(dir.resolve("finished")).hasContent("in-flight work done");
        assertThat(started).hasContent(ServiceProcess.SHUTDOWN_PHASE_TIMEOUT.toSeconds() + "s");
    }
}

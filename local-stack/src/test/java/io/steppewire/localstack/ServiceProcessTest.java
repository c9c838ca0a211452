package io.steppewire.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    void aServiceThatStopsBeforeItIsHealthyFailsWithTheEndOfItsLog(@TempDir Path dir) throws Exception {
        Path jar = TestJars.executableJarOf(FailingToStartService.class, dir.resolve("failing.jar"));
        ServiceProcess service = new ServiceProcess("rates-service", 1, jar, dir.resolve("rates.log"));
        service.start(Map.of(), List.of());

        assertThatThrownBy(() -> service.awaitHealthy(Duration.ofSeconds(60)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rates-service stopped with exit code 1 before it became healthy")
                .hasMessageContaining("Port 1 was already in use.")
                .hasMessageNotContaining("starting, step 20\n");
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

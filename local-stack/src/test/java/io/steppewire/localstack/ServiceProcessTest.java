package io.steppewire.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

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
}

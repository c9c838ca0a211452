package io.steppewire.notify.delivery.outbox;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.notify.delivery.AttemptOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointGuardsTest {

    private static final String SLOW = "http://slow.example:80";
    private static final String OTHER = "http://other.example:80";
    private static final Instant NOW = Instant.parse("2026-03-14T09:00:00Z");

    private final EndpointGuards guards = new EndpointGuards(properties(), new SimpleMeterRegistry());

    @Test
    void anEndpointTakesAtMostTwoAttemptsAtOnceWithoutLimitingOthers() {
        assertThat(guards.tryStart(SLOW)).isTrue();
        assertThat(guards.tryStart(SLOW)).isTrue();
        assertThat(guards.tryStart(SLOW)).isFalse();
        assertThat(guards.blocked()).containsExactly(SLOW);
        assertThat(guards.tryStart(OTHER)).isTrue();

        guards.finished(SLOW, AttemptOutcome.success(NOW, Duration.ofSeconds(8), 204));
        assertThat(guards.blocked()).isEmpty();
        assertThat(guards.tryStart(SLOW)).isTrue();
        guards.abandoned(SLOW);
        assertThat(guards.inFlight(SLOW)).isEqualTo(1);
    }

    @Test
    void fiveRetryableFailuresInARowOpenTheCircuitButPermanentRefusalsDoNot() {
        for (int i = 0; i < 10; i++) {
            assertThat(guards.tryStart(OTHER)).isTrue();
            guards.finished(OTHER, AttemptOutcome.permanent(NOW, Duration.ofMillis(3), 410, "The receiver answered 410 Gone"));
        }
        assertThat(guards.circuitState(OTHER)).isEqualTo(CircuitBreaker.State.CLOSED);

        for (int i = 0; i < 5; i++) {
            assertThat(guards.tryStart(SLOW)).isTrue();
            guards.finished(SLOW, AttemptOutcome.retryable(NOW, Duration.ofMillis(3), 500, "The receiver answered HTTP 500"));
        }
        assertThat(guards.circuitState(SLOW)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(guards.blocked()).containsExactly(SLOW);
        assertThat(guards.tryStart(SLOW)).isFalse();
    }

    private static DeliveryProperties properties() {
        return new DeliveryProperties(true, 32, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30), 2.0,
                Duration.ofHours(2), Duration.ofHours(24), "alerts@steppewire.local", 2, 5, Duration.ofMinutes(10),
                Duration.ofDays(5), Duration.ofMinutes(1), Duration.ofMillis(200));
    }
}

package io.steppewire.notify.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {

    private static final Instant FIRST = Instant.parse("2026-03-14T06:00:00Z");
    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30), 2.0, Duration.ofHours(2), Duration.ofHours(24));

    @Test
    void doublesThePauseWithEveryFailureWithinItsJitterBand() {
        Instant now = FIRST.plusSeconds(600);
        // Equal jitter: between half and all of the back-off.
        assertThat(delay(1, now, 0.0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(delay(1, now, 0.999_999)).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
        assertThat(delay(2, now, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(delay(4, now, 0.0)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void neverWaitsLongerThanTheLongestPause() {
        assertThat(delay(30, FIRST.plusSeconds(60), 0.999_999)).isLessThanOrEqualTo(Duration.ofHours(2));
        assertThat(delay(30, FIRST.plusSeconds(60), 0.0)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldFallAfterTheDeadline() {
        Instant late = FIRST.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(30));

        assertThat(schedule.nextAttempt(12, FIRST, late, () -> 0.5)).isEmpty();
        assertThat(schedule.nextAttempt(1, FIRST, late, () -> 0.5)).isPresent();
    }

    @Test
    void refusesAScheduleThatCannotBackOff() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, 2.0, Duration.ofHours(1), Duration.ofHours(1)))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), 0.5, Duration.ofHours(1), Duration.ofHours(1)))
                .hasMessageContaining("at least 1");
    }

    private Duration delay(int failures, Instant now, double random) {
        Optional<Instant> next = schedule.nextAttempt(failures, FIRST, now, () -> random);
        assertThat(next).isPresent();
        return Duration.between(now, next.get());
    }
}

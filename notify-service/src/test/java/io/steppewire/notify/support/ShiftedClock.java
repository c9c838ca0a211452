package io.steppewire.notify.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in the integration tests: the system clock, moved by a shift a test sets (to reach a digest's
 * hour or the end of a clock hour without waiting for it) and takes back afterwards. Unshifted it is the system
 * clock, so the shared context's other tests see no difference.
 */
public final class ShiftedClock extends Clock {

    private volatile Duration shift = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    /** From now on the clock reads {@code at} (and runs on from there). */
    public void setTo(Instant at) {
        shift = Duration.between(Instant.now(), at);
    }

    public void reset() {
        shift = Duration.ZERO;
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Registration {

        @Bean
        @Primary
        ShiftedClock shiftedClock() {
            return new ShiftedClock();
        }
    }
}

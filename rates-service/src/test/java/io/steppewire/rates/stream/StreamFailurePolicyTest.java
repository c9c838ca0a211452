package io.steppewire.rates.stream;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class StreamFailurePolicyTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-14T09:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final StreamFailurePolicy policy = new StreamFailurePolicy(3, Duration.ofMinutes(10), clock);
    private final RuntimeException failure = new IllegalStateException("broker went away mid-commit");

    @Test
    void aFewFailuresReplaceTheThreadButAFourthWithinTheWindowStopsTheStream() {
        assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);

        assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void failuresOlderThanTheWindowAreForgiven() {
        policy.handle(failure);
        policy.handle(failure);
        policy.handle(failure);
        now.set(now.get().plus(Duration.ofMinutes(11)));

        assertThat(policy.handle(failure)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
}

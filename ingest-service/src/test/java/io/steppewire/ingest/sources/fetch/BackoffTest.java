package io.steppewire.ingest.sources.fetch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-03-14T08:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private final Backoff backoff = new Backoff(Duration.ofHours(6), Duration.ofDays(1), new SplittableRandom(7));

    @Test
    void waitsOneIntervalAfterASuccess() {
        assertThat(backoff.afterSuccess(NOW, INTERVAL)).isEqualTo(NOW.plus(INTERVAL));
    }

    @Test
    void doublesTheWaitPerFailureWithJitterUpToTheCeiling() {
        for (int failures = 1; failures <= 40; failures++) {
            Duration ceiling = Duration.ofMinutes(5L << Math.min(failures - 1, 20));
            ceiling = ceiling.compareTo(Duration.ofHours(6)) > 0 ? Duration.ofHours(6) : ceiling;
            Duration wait = Duration.between(NOW, backoff.afterFailure(NOW, INTERVAL, failures, null));
            assertThat(wait).as("after %d failures", failures)
                    .isBetween(ceiling.dividedBy(2).compareTo(INTERVAL) < 0 ? INTERVAL : ceiling.dividedBy(2), ceiling);
        }
    }

    @Test
    void spreadsTheRetriesOfSourcesFailingTogether() {
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> backoff.afterFailure(NOW, INTERVAL, 6, null)).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void waitsAtLeastTheRetryAfterTheSourceAskedForUpToItsCeiling() {
        assertThat(backoff.afterFailure(NOW, INTERVAL, 1, Duration.ofHours(2))).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(backoff.afterFailure(NOW, INTERVAL, 1, Duration.ofDays(30))).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(Backoff.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Backoff.parseRetryAfter("Sat, 14 Mar 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ofHours(1));
        assertThat(Backoff.parseRetryAfter("soon", NOW)).isNull();
        assertThat(Backoff.parseRetryAfter("-5", NOW)).isNull();
    }
}

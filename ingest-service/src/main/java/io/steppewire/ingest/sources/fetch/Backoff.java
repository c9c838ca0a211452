package io.steppewire.ingest.sources.fetch;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.random.RandomGenerator;

/**
 * When a source is fetched next. After a success: one interval on. After failures: the interval doubled per
 * consecutive failure, up to a ceiling, with full jitter so that sources failing together do not retry together; a
 * Retry-After the source gave is waited for at least (cut to a ceiling of its own).
 */
public final class Backoff {

    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    public Backoff(Duration maxBackoff, Duration maxRetryAfter, RandomGenerator random) {
        this.maxBackoff = maxBackoff;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    public Instant afterSuccess(Instant now, Duration interval) {
        return now.plus(interval);
    }

    /**
     * @param failures   consecutive failures, this one included (1 or more)
     * @param retryAfter the source's own wait, if it named one
     */
    public Instant afterFailure(Instant now, Duration interval, int failures, @Nullable Duration retryAfter) {
        long doublings = Math.min(Math.max(failures - 1, 0), 30);
        long ceilingMillis = Math.min(maxBackoff.toMillis(), saturatedShift(interval.toMillis(), doublings));
        // The wait is at least the interval: a failing source is never asked more often than a healthy one.
        long waitMillis = Math.max(interval.toMillis(),
                ceilingMillis <= 0 ? 0 : random.nextLong(ceilingMillis / 2, ceilingMillis + 1));
        Duration wait = Duration.ofMillis(waitMillis);
        if (retryAfter != null) {
            Duration honoured = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (honoured.compareTo(wait) > 0) {
                wait = honoured;
            }
        }
        return now.plus(wait);
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    public static @Nullable Duration parseRetryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static long saturatedShift(long value, long bits) {
        return value > (Long.MAX_VALUE >> bits) ? Long.MAX_VALUE : value << bits;
    }
}

package io.steppewire.notify.delivery;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * The result of one delivery attempt.
 *
 * @param statusCode the HTTP status the receiver answered, when it answered over HTTP
 * @param error      why the attempt failed, when it did
 * @param permanent  true when retrying cannot help (e.g. the receiver answered 410 Gone)
 */
public record AttemptOutcome(Instant at, Duration duration, @Nullable Integer statusCode, @Nullable String error,
                             boolean permanent) {

    public boolean succeeded() {
        return error == null;
    }

    public static AttemptOutcome success(Instant at, Duration duration, @Nullable Integer statusCode) {
        return new AttemptOutcome(at, duration, statusCode, null, false);
    }

    public static AttemptOutcome retryable(Instant at, Duration duration, @Nullable Integer statusCode, String error) {
        return new AttemptOutcome(at, duration, statusCode, error, false);
    }

    public static AttemptOutcome permanent(Instant at, Duration duration, @Nullable Integer statusCode, String error) {
        return new AttemptOutcome(at, duration, statusCode, error, true);
    }
}

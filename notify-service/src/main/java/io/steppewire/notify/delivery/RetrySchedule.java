package io.steppewire.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again: exponential back-off from {@code firstDelay}, multiplied by
 * {@code multiplier} per attempt and capped at {@code maxDelay}, with "equal jitter" (each delay is
 * half fixed, half random) so that receivers coming back from an outage are not hit by every retry
 * at once. No retry is scheduled past {@code giveUpAfter} from the first attempt.
 */
public record RetrySchedule(Duration firstDelay, double multiplier, Duration maxDelay, Duration giveUpAfter) {

    public RetrySchedule {
        if (firstDelay.isNegative() || firstDelay.isZero()) {
            throw new IllegalArgumentException("The first retry delay must be positive, got " + firstDelay);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("The back-off multiplier must be at least 1, got " + multiplier);
        }
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("The longest retry delay " + maxDelay + " is shorter than the first " + firstDelay);
        }
    }

    /**
     * The time of the next attempt after {@code failedAttempts} failures, or empty when the delivery
     * should be given up.
     *
     * @param random a source of values in [0, 1)
     */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant firstAttemptAt, Instant now, DoubleSupplier random) {
        double exponential = firstDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        long capped = (long) Math.min(exponential, maxDelay.toMillis());
        long jittered = capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2));
        Instant next = now.plusMillis(Math.max(1, jittered));
        if (next.isAfter(firstAttemptAt.plus(giveUpAfter))) {
            return Optional.empty();
        }
        return Optional.of(next);
    }
}

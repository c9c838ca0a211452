package io.steppewire.rates.stream;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Replaces a failed stream thread a bounded number of times: a passing fault (a broker restart)
 * heals, while a failure that repeats stops the stream so that health turns DOWN instead of the
 * thread failing on the same record for ever.
 */
final class StreamFailurePolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamFailurePolicy.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recentFailures = new ArrayDeque<>();

    StreamFailurePolicy(int maxReplacements, Duration window, Clock clock) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable error) {
        Instant now = clock.instant();
        while (!recentFailures.isEmpty() && recentFailures.peekFirst().isBefore(now.minus(window))) {
            recentFailures.removeFirst();
        }
        recentFailures.addLast(now);
        if (recentFailures.size() > maxReplacements) {
            log.error("Rate-change stream failed {} times within {}; shutting it down (health turns DOWN)",
                    recentFailures.size(), window, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        log.error("Rate-change stream thread failed ({} of {} allowed within {}); replacing it",
                recentFailures.size(), maxReplacements, window, error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}

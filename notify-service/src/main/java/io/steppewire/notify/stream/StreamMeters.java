package io.steppewire.notify.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/** What the streams of this instance report: how many are open, and what became of the sequence numbers they waited for. */
final class StreamMeters {

    /** Why a stream passed a missing number. */
    enum Skip {
        /** This stream held the later alerts for the whole grace period. */
        GRACE_EXPIRED("grace-expired"),
        /** The alert after the gap was numbered more than twice the grace period ago: no writer can still be on it. */
        NUMBERED_LONG_AGO("numbered-long-ago");

        private final String tag;

        Skip(String tag) {
            this.tag = tag;
        }
    }

    private final AtomicInteger open = new AtomicInteger();
    private final Counter filledLate;
    private final Counter skippedAfterGrace;
    private final Counter skippedLongAgo;

    StreamMeters(MeterRegistry meters) {
        Gauge.builder("steppewire.notify.streams.open", open, AtomicInteger::get)
                .description("Open server-sent event streams on this instance").register(meters);
        filledLate = Counter.builder("steppewire.notify.streams.gaps.filled")
                .description("Sequence numbers that arrived while a stream held later alerts for them").register(meters);
        skippedAfterGrace = skipped(meters, Skip.GRACE_EXPIRED);
        skippedLongAgo = skipped(meters, Skip.NUMBERED_LONG_AGO);
    }

    private static Counter skipped(MeterRegistry meters, Skip reason) {
        return Counter.builder("steppewire.notify.streams.gaps.skipped")
                .description("Sequence numbers a stream passed without an alert, counted per stream that passed them")
                .tag("reason", reason.tag).register(meters);
    }

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    void filledLate() {
        filledLate.increment();
    }

    void skipped(long numbers, Skip reason) {
        (reason == Skip.GRACE_EXPIRED ? skippedAfterGrace : skippedLongAgo).increment(numbers);
    }
}

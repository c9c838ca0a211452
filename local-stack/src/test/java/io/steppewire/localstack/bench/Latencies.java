package io.steppewire.localstack.bench;

import java.util.Arrays;
import java.util.Locale;

/** Sorted durations in nanoseconds, read as percentiles in milliseconds. */
final class Latencies {

    private final long[] sorted;

    Latencies(long[] nanos) {
        sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile: the smallest value that at least {@code percent} % of the values do not exceed. */
    double percentileMillis(double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
    }

    double maxMillis() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    /** {@code p50 / p99 / max} in milliseconds. */
    String summary() {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms", percentileMillis(50), percentileMillis(99), maxMillis());
    }
}

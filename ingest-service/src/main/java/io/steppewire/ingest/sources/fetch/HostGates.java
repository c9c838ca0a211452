package io.steppewire.ingest.sources.fetch;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most {@code concurrency} requests at once to one host, and their starts at least {@code gap} apart, whichever
 * source or instance thread asks: a site sees steppewire as one polite client, however many of its feeds are
 * registered. Per instance; with several instances each keeps its own gate.
 */
public final class HostGates {

    private final int concurrency;
    private final long gapNanos;
    private final ConcurrentHashMap<String, Gate> gates = new ConcurrentHashMap<>();

    public HostGates(int concurrency, Duration gap) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("At least one request per host must be allowed, not " + concurrency);
        }
        this.concurrency = concurrency;
        this.gapNanos = gap.toNanos();
    }

    /** A pass for one request to the host; close it when the answer has been read. */
    public Pass enter(String host) throws InterruptedException {
        Gate gate = gates.computeIfAbsent(host, h -> new Gate(new Semaphore(concurrency, true)));
        gate.slots.acquire();
        try {
            long wait = gate.reserveStart(gapNanos);
            if (wait > 0) {
                // Politeness itself: the request must not start before its slot.
                Thread.sleep(Duration.ofNanos(wait));
            }
        } catch (InterruptedException e) {
            gate.slots.release();
            throw e;
        }
        return gate.slots::release;
    }

    /** A held request slot. */
    @FunctionalInterface
    public interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Gate {
        private final Semaphore slots;
        private long nextStart = Long.MIN_VALUE;

        private Gate(Semaphore slots) {
            this.slots = slots;
        }

        /** Reserves the earliest start at least a gap after the last reserved one; returns the nanoseconds to wait. */
        private synchronized long reserveStart(long gap) {
            long now = System.nanoTime();
            long start = nextStart == Long.MIN_VALUE ? now : Math.max(now, nextStart);
            nextStart = start + gap;
            return start - now;
        }
    }
}

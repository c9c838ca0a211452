package io.steppewire.ingest.pages;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.concurrent.Semaphore;

/**
 * Bounds how many pages this instance reads, parses and publishes at once ({@code max-concurrent-pages}). A page
 * costs several times its size in memory while it is parsed, so without a bound a burst of 5 MB pages could exhaust
 * the heap. A slot is claimed before the body is read, so bodies in memory are bounded too; a request that finds
 * every slot taken is answered 429 at once (no queue, which would only move the pile-up into waiting threads).
 */
@Component
class PageIngestSlots {

    /** Seconds a refused client should wait: a typical page takes well under a second. */
    static final String RETRY_AFTER_SECONDS = "2";

    private final int capacity;
    private final Semaphore free;
    private final MeterRegistry meters;

    PageIngestSlots(IngestProperties properties, MeterRegistry meters) {
        this.capacity = properties.maxConcurrentPages();
        this.free = new Semaphore(capacity);
        this.meters = meters;
        Gauge.builder("steppewire.ingest.pages.in.flight", this, PageIngestSlots::inFlight)
                .description("Pages being read, parsed or published right now").register(meters);
    }

    /** A claimed slot; closing it frees the slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** @throws PageRejectedException 429 with Retry-After when every slot is taken */
    Slot claim() {
        if (!free.tryAcquire()) {
            meters.counter("steppewire.ingest.pages", "outcome", "rejected", "reason", "busy").increment();
            PageRejectedException busy = new PageRejectedException(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many pages at once", "busy", "This instance is already ingesting " + capacity
                    + " pages, as many as it takes at once (steppewire.ingest.max-concurrent-pages). Nothing of this"
                    + " page was read or published; send it again after the Retry-After delay.", null);
            busy.withHeader("Retry-After", RETRY_AFTER_SECONDS);
            throw busy;
        }
        return free::release;
    }

    int inFlight() {
        return capacity - free.availablePermits();
    }

    int capacity() {
        return capacity;
    }
}

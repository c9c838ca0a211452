package io.steppewire.article.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.steppewire.article.store.UpsertOutcome;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/** What the projection did, per stream ({@code articles}, {@code quotes}, {@code rate-changes}). */
@Component
public class ProjectionMetrics {

    private final MeterRegistry meters;

    public ProjectionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Times one batch write and counts its applied and stale events. */
    public UpsertOutcome recordBatch(String stream, Supplier<UpsertOutcome> write) {
        UpsertOutcome outcome = Timer.builder("steppewire.article.projection.batch")
                .description("Time to write one batch of events to the read store").tag("stream", stream)
                .register(meters).record(write);
        events(stream, "applied").increment(outcome.applied());
        events(stream, "stale").increment(outcome.stale());
        return outcome;
    }

    public void storeFailed(String stream) {
        Counter.builder("steppewire.article.store.failures")
                .description("Batch writes that failed because the store was unavailable; the batch is retried")
                .tag("stream", stream).register(meters).increment();
    }

    public void poisonFound(String stream) {
        Counter.builder("steppewire.article.projection.poison")
                .description("Records that could not be read; they go to the dead-letter topic after retries")
                .tag("stream", stream).register(meters).increment();
    }

    private Counter events(String stream, String outcome) {
        return Counter.builder("steppewire.article.projection.events")
                .description("Events projected: applied changed the store, stale were replays or older than stored")
                .tag("stream", stream).tag("outcome", outcome).register(meters);
    }
}

package io.steppewire.notify.matching;

import io.steppewire.events.fx.RatePoint;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The quotes notify has seen in rate changes, as the window and divergence rules read them. */
public interface RateHistory {

    /** A quote and the source that gave it. */
    record SourcedPoint(String source, RatePoint point) {
    }

    /**
     * The quote of {@code pair} and {@code source} in force at {@code at}: the latest with {@code asOf} at or before
     * it; when the history starts after {@code at}, the earliest quote known.
     */
    Optional<RatePoint> inForceAt(String pair, String source, Instant at);

    /** The latest quote of any of {@code sources} with {@code asOf} in [{@code from}, {@code to}). */
    Optional<SourcedPoint> latestOf(String pair, Set<String> sources, Instant from, Instant to);

    /** The latest quote of each source not in {@code excluded}, with {@code asOf} in [{@code from}, {@code to}). */
    List<SourcedPoint> latestOfEachOther(String pair, Set<String> excluded, Instant from, Instant to);
}

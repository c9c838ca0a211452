package io.steppewire.notify.matching;

import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RatePoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A {@link RateHistory} held in memory: the backtest replays stored changes into one. Not thread-safe. */
public final class InMemoryRateHistory implements RateHistory {

    /** Quotes by pair, then source, then {@code asOf}. */
    private final Map<String, Map<String, NavigableMap<Instant, RatePoint>>> points = new HashMap<>();

    /** Adds both quotes of the change. */
    public void record(RateChanged change) {
        NavigableMap<Instant, RatePoint> bySource = points.computeIfAbsent(change.pair(), p -> new HashMap<>())
                .computeIfAbsent(change.source(), s -> new TreeMap<>());
        bySource.putIfAbsent(change.previous().asOf(), change.previous());
        bySource.put(change.current().asOf(), change.current());
    }

    @Override
    public Optional<RatePoint> inForceAt(String pair, String source, Instant at) {
        NavigableMap<Instant, RatePoint> quotes = points.getOrDefault(pair, Map.of()).get(source);
        if (quotes == null || quotes.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<Instant, RatePoint> atOrBefore = quotes.floorEntry(at);
        return Optional.of(atOrBefore != null ? atOrBefore.getValue() : quotes.firstEntry().getValue());
    }

    @Override
    public Optional<SourcedPoint> latestOf(String pair, Set<String> sources, Instant from, Instant to) {
        SourcedPoint latest = null;
        for (Map.Entry<String, NavigableMap<Instant, RatePoint>> source : points.getOrDefault(pair, Map.of()).entrySet()) {
            if (!sources.contains(source.getKey())) {
                continue;
            }
            Map.Entry<Instant, RatePoint> last = source.getValue().lowerEntry(to);
            if (last != null && !last.getKey().isBefore(from) && (latest == null || last.getKey().isAfter(latest.point().asOf()))) {
                latest = new SourcedPoint(source.getKey(), last.getValue());
            }
        }
        return Optional.ofNullable(latest);
    }

    @Override
    public List<SourcedPoint> latestOfEachOther(String pair, Set<String> excluded, Instant from, Instant to) {
        List<SourcedPoint> latest = new ArrayList<>();
        points.getOrDefault(pair, Map.of()).forEach((source, quotes) -> {
            Map.Entry<Instant, RatePoint> last = excluded.contains(source) ? null : quotes.lowerEntry(to);
            if (last != null && !last.getKey().isBefore(from)) {
                latest.add(new SourcedPoint(source, last.getValue()));
            }
        });
        return latest;
    }
}

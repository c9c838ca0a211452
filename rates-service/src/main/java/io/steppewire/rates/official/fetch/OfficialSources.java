package io.steppewire.rates.official.fetch;

import io.steppewire.rates.official.FetchRange;
import io.steppewire.rates.official.InvalidFetchRangeException;
import io.steppewire.rates.official.bank.LatestFormat;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every official source by id, in the order the settings list them; starts their schedules with the service. */
public final class OfficialSources implements SmartLifecycle {

    private final Map<String, OfficialSource> sources = new LinkedHashMap<>();
    private final int maxFetchDays;
    private volatile boolean running;

    /**
     * @param maxFetchDays         the most dates one fetch asked for may cover
     * @param catchUpDays          how many days back a scheduled fetch looks for missed publications
     * @param pauseBetweenRequests the wait between two requests of one fetch to the same bank
     */
    OfficialSources(List<SourceSetup> setups, BankClient bank, QuoteSink sink, Clock clock, int maxFetchDays,
                           int catchUpDays, Duration pauseBetweenRequests, OfficialMetrics metrics) {
        this.maxFetchDays = maxFetchDays;
        for (SourceSetup setup : setups) {
            sources.put(setup.id(), new OfficialSource(setup, bank, sink, clock, catchUpDays, pauseBetweenRequests, metrics));
        }
    }

    public Collection<OfficialSource> all() {
        return sources.values();
    }

    public Optional<OfficialSource> find(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /** A fetch that has started: the source it runs for and the dates it covers. */
    public record Started(OfficialSource source, FetchRange range) {
    }

    /**
     * Starts a fetch of the dates asked for (see {@link FetchRange#parse}).
     *
     * @throws NoSuchSourceException      when no source has that id
     * @throws InvalidFetchRangeException when the dates cannot be fetched
     * @throws SourceUnavailableException when the source cannot fetch now
     */
    public Started fetchNow(String id, @Nullable String from, @Nullable String to) {
        OfficialSource source = find(id).orElseThrow(() -> new NoSuchSourceException("no official source is called '"
                + id + "'; there are " + String.join(", ", sources.keySet())));
        FetchRange range;
        if (source.setup().format() instanceof LatestFormat) {
            if (from != null || to != null) {
                throw new InvalidFetchRangeException(id + " publishes only its latest rates (its address takes no date),"
                        + " so it cannot be fetched for given dates; leave out from and to");
            }
            range = FetchRange.of(source.today());
        } else {
            range = FetchRange.parse(from, to, source.today(), maxFetchDays);
        }
        source.fetchNow(range);
        return new Started(source, range);
    }

    @Override
    public void start() {
        sources.values().forEach(OfficialSource::start);
        running = true;
    }

    @Override
    public void stop() {
        sources.values().forEach(OfficialSource::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

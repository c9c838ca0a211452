package io.steppewire.ingest.sources;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fetches due sources: every poll interval, an instance leases up to a few due sources and fetches them side by side
 * (each host's gate keeps that polite), and waits for them before the next poll. Any instance may take any source;
 * the lease keeps one source with one instance at a time.
 */
public class SourceScheduler {

    private static final Logger log = LoggerFactory.getLogger(SourceScheduler.class);

    private final SourceStore store;
    private final FetchSources fetchSources;
    private final SourcesProperties properties;
    private final Clock clock;

    public SourceScheduler(SourceStore store, FetchSources fetchSources, SourcesProperties properties, Clock clock) {
        this.store = store;
        this.fetchSources = fetchSources;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${steppewire.ingest.sources.poll-interval:5s}",
            initialDelayString = "${steppewire.ingest.sources.poll-interval:5s}")
    void fetchDueSources() {
        try {
            fetchDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // MongoDB away, for instance: the next poll tries again.
            log.warn("Polling the due sources failed: {}", e.toString());
        }
    }

    /** Leases and fetches the sources due now; returns how many were fetched. */
    public int fetchDue() throws InterruptedException {
        List<SourceStore.Lease> leases = new ArrayList<>();
        for (int i = 0; i < properties.claimsPerPoll(); i++) {
            Instant now = clock.instant();
            Optional<SourceStore.Lease> lease = store.claimDue(now, now.plus(properties.lease()));
            if (lease.isEmpty()) {
                break;
            }
            leases.add(lease.get());
        }
        if (leases.isEmpty()) {
            return 0;
        }
        try (ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<FetchReport>> running = new ArrayList<>();
            for (SourceStore.Lease lease : leases) {
                running.add(fetchers.submit(() -> fetchSources.fetch(lease)));
            }
            for (Future<FetchReport> fetch : running) {
                try {
                    fetch.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    log.warn("A source fetch failed unexpectedly", e.getCause());
                }
            }
        }
        return leases.size();
    }

    /** A fetch asked for by an operator, due or not. */
    public FetchReport fetchNow(String id) throws InterruptedException {
        Instant now = clock.instant();
        Optional<SourceStore.Lease> lease = store.claim(id, now, now.plus(properties.lease()));
        if (lease.isEmpty()) {
            throw store.find(id).isPresent() ? SourceUnavailableException.busy(id) : SourceUnavailableException.unknown(id);
        }
        return fetchSources.fetch(lease.get());
    }
}

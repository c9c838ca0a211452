package io.steppewire.rates.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.rates.change.QuoteOutcome;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts what the topology does with quotes. Counters are created once, so the per-record cost is
 * an increment, and several stream threads may share one instance.
 */
public final class QuoteMetrics {

    static final String QUOTES_PROCESSED = "steppewire.rates.quotes.processed";
    static final String CHANGES_PUBLISHED = "steppewire.rates.changes.published";

    private final Map<QuoteOutcome, Counter> outcomes = new EnumMap<>(QuoteOutcome.class);
    private final Counter bigChanges;
    private final Counter smallChanges;

    public QuoteMetrics(MeterRegistry registry) {
        for (QuoteOutcome outcome : QuoteOutcome.values()) {
            outcomes.put(outcome, Counter.builder(QUOTES_PROCESSED)
                    .description("Quotes read from fx.quotes.v1 by what they did to the stored last quote")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        bigChanges = changes(registry, "true");
        smallChanges = changes(registry, "false");
    }

    void recordOutcome(QuoteOutcome outcome) {
        outcomes.get(outcome).increment();
    }

    void recordChange(RateChanged change) {
        (change.assessment().big() ? bigChanges : smallChanges).increment();
    }

    private static Counter changes(MeterRegistry registry, String big) {
        return Counter.builder(CHANGES_PUBLISHED)
                .description("Rate changes published to fx.rate-changes.v1, by whether they are big at the default threshold")
                .tag("big", big)
                .register(registry);
    }
}

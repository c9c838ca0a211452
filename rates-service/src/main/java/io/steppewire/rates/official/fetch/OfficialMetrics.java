package io.steppewire.rates.official.fetch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

/** Counts what the official sources fetch and publish, by source. */
public final class OfficialMetrics {

    static final String DATES = "steppewire.rates.official.dates";
    static final String QUOTES_PUBLISHED = "steppewire.rates.official.quotes.published";

    /** What became of one date a source was asked for. */
    enum DateOutcome { PUBLISHED, PUBLISHED_ALREADY, NO_NEW_RATE, FAILED }

    private final MeterRegistry registry;

    public OfficialMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void date(String source, DateOutcome outcome) {
        Counter.builder(DATES)
                .description("Dates fetched from official sources, by what became of them")
                .tag("source", source)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    void quotesPublished(String source, int quotes) {
        Counter.builder(QUOTES_PUBLISHED)
                .description("Quotes from official sources committed to fx.quotes.v1")
                .tag("source", source)
                .register(registry).increment(quotes);
    }
}

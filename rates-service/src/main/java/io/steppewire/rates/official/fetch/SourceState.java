package io.steppewire.rates.official.fetch;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What one source did last, as {@code GET /api/rates/sources} shows it. Immutable: each change makes a new one.
 *
 * @param status              how the last fetch went
 * @param lastFetchAt         when the last fetch ended
 * @param lastOutcome         what the last fetch did, in a sentence
 * @param lastError           why the last failed fetch failed, kept after later successes
 * @param lastErrorAt         when that fetch ended
 * @param lastPublishedDate   the latest of the bank's dates whose rates were published
 * @param lastPublishedAt     when rates were last published
 * @param lastPublishedQuotes how many quotes that publication held
 * @param nextRunAt           the next scheduled fetch
 * @param running             the fetch under way
 */
public record SourceState(SourceStatus status, @Nullable Instant lastFetchAt, @Nullable String lastOutcome,
                          @Nullable String lastError, @Nullable Instant lastErrorAt, @Nullable LocalDate lastPublishedDate,
                          @Nullable Instant lastPublishedAt, int lastPublishedQuotes, @Nullable Instant nextRunAt,
                          @Nullable Run running) {

    /**
     * A fetch under way.
     *
     * @param from      the first date asked for
     * @param to        the last date asked for
     * @param datesDone how many of them are done
     * @param scheduled whether the schedule started it, or an operator
     * @param startedAt when it started
     */
    public record Run(LocalDate from, LocalDate to, int datesDone, boolean scheduled, Instant startedAt) {
    }

    static SourceState initial(boolean enabled) {
        return new SourceState(enabled ? SourceStatus.NEVER_RUN : SourceStatus.DISABLED, null, null, null, null, null,
                null, 0, null, null);
    }

    SourceState withRunning(@Nullable Run run) {
        return new SourceState(status, lastFetchAt, lastOutcome, lastError, lastErrorAt, lastPublishedDate,
                lastPublishedAt, lastPublishedQuotes, nextRunAt, run);
    }

    SourceState withNextRunAt(@Nullable Instant next) {
        return new SourceState(status, lastFetchAt, lastOutcome, lastError, lastErrorAt, lastPublishedDate,
                lastPublishedAt, lastPublishedQuotes, next, running);
    }

    SourceState published(LocalDate date, int quotes, Instant at) {
        LocalDate latest = lastPublishedDate == null || date.isAfter(lastPublishedDate) ? date : lastPublishedDate;
        return new SourceState(status, lastFetchAt, lastOutcome, lastError, lastErrorAt, latest, at, quotes, nextRunAt,
                running);
    }

    SourceState finished(SourceStatus result, String outcome, Instant at) {
        boolean failed = result == SourceStatus.FAILED;
        return new SourceState(result, at, outcome, failed ? outcome : lastError, failed ? at : lastErrorAt,
                lastPublishedDate, lastPublishedAt, lastPublishedQuotes, nextRunAt, null);
    }
}

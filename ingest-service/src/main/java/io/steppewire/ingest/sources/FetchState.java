package io.steppewire.ingest.sources;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * What the last fetches of a source found.
 *
 * @param lastFetchAt         when the last fetch ended
 * @param lastStatus          the HTTP status of its final answer, null when none came
 * @param lastOutcome         {@code new_items}, {@code nothing_new}, {@code not_modified} or {@code failed}
 * @param lastError           why the last fetch failed; null after a success
 * @param etag                the validator the source gave, sent back as If-None-Match
 * @param lastModified        the date the source gave, sent back as If-Modified-Since
 * @param itemsSeen           items this source has produced in all, each counted once
 * @param nextFetchAt         when the source is due again
 * @param consecutiveFailures failed fetches since the last success; they lengthen the wait
 */
public record FetchState(@Nullable Instant lastFetchAt, @Nullable Integer lastStatus, @Nullable String lastOutcome,
                         @Nullable String lastError, @Nullable String etag, @Nullable String lastModified,
                         long itemsSeen, Instant nextFetchAt, int consecutiveFailures) {

    static FetchState firstDueAt(Instant at) {
        return new FetchState(null, null, null, null, null, null, 0, at, 0);
    }
}

package io.steppewire.ingest.taxonomy;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * What the tagger works with now, as answered by {@code GET /api/taxonomy} and a reload.
 *
 * @param version        the version field of the file in use
 * @param loadedFrom     the file or class-path resource it came from
 * @param loadedAt       when it was loaded
 * @param countries      country entries
 * @param currencies     currency entries
 * @param topics         topic entries
 * @param entities       entity entries
 * @param terms          terms over all entries
 * @param lastError      why the latest load attempt failed, when it did; the taxonomy above stayed in use
 * @param lastErrorAt    when that attempt was made
 */
public record TaxonomyStatus(String version, String loadedFrom, Instant loadedAt, long countries, long currencies,
                             long topics, long entities, int terms, @Nullable String lastError,
                             @Nullable Instant lastErrorAt) {
}

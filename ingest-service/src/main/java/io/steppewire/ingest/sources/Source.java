package io.steppewire.ingest.sources;

import java.time.Instant;

/** A registered source with what its fetches found. */
public record Source(String id, SourceSpec spec, Instant createdAt, Instant updatedAt, FetchState state) {
}

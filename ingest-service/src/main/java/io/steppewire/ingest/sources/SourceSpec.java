package io.steppewire.ingest.sources;

import java.net.URI;

/** What an operator asks of a source, checked: the registry stores only specs that passed {@link SourceRequests}. */
public record SourceSpec(String name, SourceType type, URI url, int intervalSeconds, boolean enabled,
                         boolean fetchFullText) {
}

package io.steppewire.ingest.sources.fetch;

import org.jspecify.annotations.Nullable;

/** What the source said about its last answer, sent back so an unchanged resource costs a 304. */
public record Validators(@Nullable String etag, @Nullable String lastModified) {

    public static final Validators NONE = new Validators(null, null);
}

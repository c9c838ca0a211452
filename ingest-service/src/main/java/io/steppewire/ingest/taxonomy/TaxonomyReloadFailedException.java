package io.steppewire.ingest.taxonomy;

/** A reload was asked for but the file cannot be used; the previous taxonomy stays in use. */
public class TaxonomyReloadFailedException extends RuntimeException {

    private final TaxonomyStatus status;

    public TaxonomyReloadFailedException(String message, TaxonomyStatus status) {
        super(message);
        this.status = status;
    }

    public TaxonomyStatus status() {
        return status;
    }
}

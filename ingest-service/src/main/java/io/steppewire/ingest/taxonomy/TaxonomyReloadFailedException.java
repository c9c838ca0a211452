package io.steppewire.ingest.taxonomy;

import io.steppewire.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A reload was asked for but the file cannot be used; the previous taxonomy stays in use. Answered 422 with
 * the taxonomy still in use as {@code inUse}.
 */
public class TaxonomyReloadFailedException extends ProblemException {

    private final TaxonomyStatus inUse;

    public TaxonomyReloadFailedException(String whyNot, TaxonomyStatus status) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Taxonomy file rejected", whyNot + ". The previous taxonomy (version "
                + status.version() + " from " + status.loadedFrom() + ") stays in use; fix the file and reload again.");
        this.inUse = status;
        with("inUse", status);
    }

    /** The taxonomy that stays in use. */
    public TaxonomyStatus inUse() {
        return inUse;
    }
}

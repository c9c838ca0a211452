package io.steppewire.ingest.pages;

import io.steppewire.ingest.segmenter.ClassifiedLine;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A page that is refused before anything is published.
 *
 * @see PageProblems
 */
public class PageRejectedException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String reason;
    private final @Nullable List<ClassifiedLine> explanation;

    public PageRejectedException(HttpStatus status, String title, String reason, String detail,
                                 @Nullable List<ClassifiedLine> explanation) {
        super(detail);
        this.status = status;
        this.title = title;
        this.reason = reason;
        this.explanation = explanation == null ? null : List.copyOf(explanation);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A short machine-friendly reason, also the {@code reason} tag of the rejected-pages metric. */
    public String reason() {
        return reason;
    }

    /** The dry-run explanation (every line with its role and why), when the page was parsed. */
    public @Nullable List<ClassifiedLine> explanation() {
        return explanation;
    }
}

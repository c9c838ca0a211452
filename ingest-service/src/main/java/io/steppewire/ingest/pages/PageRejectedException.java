package io.steppewire.ingest.pages;

import io.steppewire.ingest.segmenter.ClassifiedLine;
import io.steppewire.platform.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A page that is refused before anything is published, answered as problem+json with a {@code reason}
 * member and, when the page was parsed, {@code lines}: every line with its role and why.
 */
public class PageRejectedException extends ProblemException {

    private final String reason;

    public PageRejectedException(HttpStatus status, String title, String reason, String detail,
                                 @Nullable List<ClassifiedLine> explanation) {
        super(status, title, detail);
        this.reason = reason;
        with("reason", reason);
        if (explanation != null) {
            with("lines", PageResponses.LineResponse.of(explanation));
        }
    }

    /** A short machine-friendly reason, also the {@code reason} tag of the rejected-pages metric. */
    public String reason() {
        return reason;
    }
}

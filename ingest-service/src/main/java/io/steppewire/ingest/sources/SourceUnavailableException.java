package io.steppewire.ingest.sources;

import io.steppewire.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** Answers for a source that does not exist or is being fetched by another instance right now. */
public class SourceUnavailableException extends ProblemException {

    private SourceUnavailableException(HttpStatus status, String title, String detail, String reason) {
        super(status, title, detail);
        with("reason", reason);
    }

    public static SourceUnavailableException unknown(String id) {
        return new SourceUnavailableException(HttpStatus.NOT_FOUND, "No such source", "There is no source with id '"
                + (id.length() > 60 ? id.substring(0, 60) + "…" : id) + "'. GET /api/sources lists the sources and their ids.",
                "unknown_source");
    }

    public static SourceUnavailableException busy(String id) {
        SourceUnavailableException e = new SourceUnavailableException(HttpStatus.CONFLICT, "Source is being fetched",
                "Source " + id + " is being fetched right now (by this or another instance). Its state shows the"
                        + " outcome when that fetch ends; ask again then.", "fetch_in_progress");
        e.withHeader("Retry-After", "5");
        return e;
    }
}

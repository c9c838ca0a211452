package io.steppewire.ingest.pages;

import io.steppewire.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * Kafka did not commit a page's events; the transaction was aborted, so nothing of the page is visible.
 * Answered 503: the same page sent again gives the same ids, so a retry duplicates nothing.
 */
public class PublishFailedException extends ProblemException {

    /** Seconds a client should wait before sending the page again. */
    static final String RETRY_AFTER_SECONDS = "5";

    public PublishFailedException(String message, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable", message
                + ". Nothing of this page was published; send it again later (the same page gives the same ids).", cause);
        with("reason", "kafka");
        withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
}

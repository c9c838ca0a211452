package io.steppewire.ingest.pages;

/** Kafka did not commit a page's events; the transaction was aborted, so nothing of the page is visible. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

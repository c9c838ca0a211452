package io.steppewire.ingest.sources.feed;

/** The body is no feed this service reads; the message says what it looked like. */
public class UnreadableFeedException extends Exception {

    public UnreadableFeedException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreadableFeedException(String message) {
        super(message);
    }
}

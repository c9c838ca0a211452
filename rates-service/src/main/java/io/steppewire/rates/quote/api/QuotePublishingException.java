package io.steppewire.rates.quote.api;

/** Kafka refused or timed out on a batch; the transaction was aborted, so nothing of it is visible. */
public final class QuotePublishingException extends RuntimeException {

    public QuotePublishingException(String message, Throwable cause) {
        super(message, cause);
    }
}

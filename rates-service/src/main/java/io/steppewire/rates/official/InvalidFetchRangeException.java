package io.steppewire.rates.official;

/** The dates asked for cannot be fetched: unreadable, in the wrong order, in the future or too many. */
public final class InvalidFetchRangeException extends RuntimeException {

    public InvalidFetchRangeException(String message) {
        super(message);
    }
}

package io.steppewire.rates.official.fetch;

/** No official source has that id. */
public final class NoSuchSourceException extends RuntimeException {

    public NoSuchSourceException(String message) {
        super(message);
    }
}

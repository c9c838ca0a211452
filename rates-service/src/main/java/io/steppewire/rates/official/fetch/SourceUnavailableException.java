package io.steppewire.rates.official.fetch;

/** A fetch cannot be started now: the source is switched off, one asked for earlier is under way, or the service stops. */
public final class SourceUnavailableException extends RuntimeException {

    public SourceUnavailableException(String message) {
        super(message);
    }
}

package io.steppewire.rates.official;

/** A bank's answer is not a publication in the form that bank makes: nothing of it may be published. */
public final class MalformedPublicationException extends RuntimeException {

    public MalformedPublicationException(String message) {
        super(message);
    }

    public MalformedPublicationException(String message, Throwable cause) {
        super(message, cause);
    }
}

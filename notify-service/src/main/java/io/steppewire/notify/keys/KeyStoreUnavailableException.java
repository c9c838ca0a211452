package io.steppewire.notify.keys;

import org.jspecify.annotations.Nullable;

/** A subscriber key could not be checked because the store did not answer (in time); the request is refused with 503. */
public class KeyStoreUnavailableException extends RuntimeException {

    public KeyStoreUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}

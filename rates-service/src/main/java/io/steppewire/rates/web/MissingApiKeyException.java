package io.steppewire.rates.web;

/** A write came without the right {@code X-Api-Key}. */
final class MissingApiKeyException extends RuntimeException {

    MissingApiKeyException(String message) {
        super(message);
    }
}

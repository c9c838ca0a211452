package io.steppewire.rates.official.fetch;

/** A fetch from a bank did not give a publication: the bank could not be reached, refused or answered nonsense. */
final class FetchFailedException extends Exception {

    FetchFailedException(String message) {
        super(message);
    }

    FetchFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

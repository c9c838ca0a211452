package io.steppewire.ingest.taxonomy;

/** A taxonomy file that cannot be used; the message says where and what is wrong. */
public class TaxonomyFormatException extends RuntimeException {

    public TaxonomyFormatException(String message) {
        super(message);
    }

    public TaxonomyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

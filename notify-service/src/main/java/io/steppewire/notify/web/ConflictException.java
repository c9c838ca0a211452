package io.steppewire.notify.web;

/** A change lost a race with another change of the same resource; answered with 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}

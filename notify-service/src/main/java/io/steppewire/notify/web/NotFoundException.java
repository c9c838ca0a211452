package io.steppewire.notify.web;

/** The addressed resource does not exist (or no longer does); answered with 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}

package io.steppewire.notify.web;

/** A request without valid credentials for a resource that needs its own token; answered with 401. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}

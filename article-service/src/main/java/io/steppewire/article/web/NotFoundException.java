package io.steppewire.article.web;

/** The thing asked for does not exist here; answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}

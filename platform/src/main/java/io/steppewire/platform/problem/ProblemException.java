package io.steppewire.platform.problem;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal that the platform answers as {@code application/problem+json}: the status, a short title
 * and a detail that says what to change. Services throw it (or a subclass) and need no advice of their own.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Map<String, @Nullable Object> properties = new LinkedHashMap<>();
    private final HttpHeaders headers = new HttpHeaders();

    public ProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(HttpStatus status, String title, String detail, @Nullable Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.title = title;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ProblemException badRequest(String title, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, title, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "Conflicting change", detail);
    }

    /** Adds a member to the problem document, e.g. the list of field errors. */
    public ProblemException with(String name, @Nullable Object value) {
        properties.put(name, value);
        return this;
    }

    /** Adds a response header, e.g. {@code Retry-After}. */
    public ProblemException withHeader(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public ProblemDetail toProblem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }
}

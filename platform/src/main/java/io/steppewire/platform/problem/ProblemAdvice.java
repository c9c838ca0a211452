package io.steppewire.platform.problem;

import io.steppewire.platform.web.BodyTooLargeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;

import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one place where errors become {@code application/problem+json} (RFC 9457), for every service: the
 * platform's and the services' {@link ProblemException}s, Spring MVC's own refusals, unreadable and
 * oversized bodies, and, as 500 without internals, anything unexpected.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        if (e.status().is5xxServerError()) {
            log.warn("Answered {}: {}", e.status().value(), e.getMessage(), e.getCause());
        }
        return ResponseEntity.status(e.status()).headers(e.headers()).body(e.toProblem());
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ProblemDetail bodyTooLarge(BodyTooLargeException e) {
        return BodyTooLargeException.problem(e.limitBytes());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail parameterType(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Parameter " + e.getName()
                + " has the wrong form" + (e.getRequiredType() == null ? "" : "; expected " + e.getRequiredType().getSimpleName()) + ".");
        problem.setTitle("Invalid parameter: " + e.getName());
        problem.setProperty("parameter", e.getName());
        return problem;
    }

    /** Security refusals are answered by the security filters; rethrown so that they reach them. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        throw e;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure, reference {}", reference, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service failed unexpectedly; nothing of this request is known to be done. Try again, and if it persists "
                        + "report the reference " + reference + " to the operator.");
        problem.setTitle("Internal error");
        problem.setProperty("reference", reference);
        return problem;
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                                    HttpHeaders headers, HttpStatusCode status,
                                                                                    WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Parameter " + e.getParameterName() + " is required.");
        problem.setTitle("Invalid parameter: " + e.getParameterName());
        problem.setProperty("parameter", e.getParameterName());
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                           HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = causeOf(e, BodyTooLargeException.class);
        if (tooLarge != null) {
            ProblemDetail problem = BodyTooLargeException.problem(tooLarge.limitBytes());
            return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable(e));
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String unreadable(HttpMessageNotReadableException e) {
        StreamConstraintsException limits = causeOf(e, StreamConstraintsException.class);
        if (limits != null) {
            var at = limits.getLocation();
            return "The body exceeds a limit of the JSON reader" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + limits.getOriginalMessage()
                    + ". Send numbers as plain decimals of at most 30 digits and keep nesting shallow.";
        }
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            return "Field " + field + " has the wrong type or form: " + databind.getOriginalMessage()
                    + ". See /v3/api-docs for the accepted shape.";
        }
        if (cause instanceof JacksonException jackson) {
            return "The body is not valid JSON: " + jackson.getOriginalMessage();
        }
        return "The body is missing or unreadable; send a JSON object with Content-Type: application/json.";
    }

    private static <T extends Throwable> @Nullable T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

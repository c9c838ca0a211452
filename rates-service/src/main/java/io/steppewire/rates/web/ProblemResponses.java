package io.steppewire.rates.web;

import io.steppewire.rates.quote.InvalidQuoteBatchException;
import io.steppewire.rates.quote.api.QuotePublishingException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves as {@code application/problem+json} (RFC 9457) that says what to change. */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler
    ProblemDetail invalidQuotes(InvalidQuoteBatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid quotes");
        if (!e.problems().isEmpty()) {
            problem.setProperty("errors", e.problems());
        }
        return problem;
    }

    @ExceptionHandler
    ProblemDetail missingApiKey(MissingApiKeyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("API key required");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail publishingFailed(QuotePublishingException e) {
        log.warn("Quote batch not published", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("Kafka unavailable");
        return problem;
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                           HttpHeaders headers, HttpStatusCode status,
                                                                           WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body must be JSON of the form {\"quotes\": [{\"pair\": \"USD/KZT\", \"rate\": \"515.90\", "
                        + "\"reportedChangePct\": \"0.12\", \"asOf\": \"2026-03-14\", \"source\": \"nbk\"}]}");
        problem.setTitle("Unreadable body");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}

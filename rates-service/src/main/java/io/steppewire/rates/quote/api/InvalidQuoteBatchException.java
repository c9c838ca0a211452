package io.steppewire.rates.quote.api;

import io.steppewire.platform.problem.ProblemException;
import io.steppewire.rates.quote.QuoteBatchRejected;
import org.springframework.http.HttpStatus;

/**
 * 400 for a refused batch: the detail says that nothing was published, and {@code errors} lists every problem of
 * every quote as {@code {index, field, message}}.
 */
final class InvalidQuoteBatchException extends ProblemException {

    InvalidQuoteBatchException(QuoteBatchRejected rejected) {
        super(HttpStatus.BAD_REQUEST, "Invalid quotes", rejected.getMessage(), rejected);
        if (!rejected.problems().isEmpty()) {
            with("errors", rejected.problems());
        }
    }
}

package io.steppewire.rates.quote.publish;

import io.steppewire.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** 503: Kafka refused or timed out on a batch; the transaction was aborted, so nothing of it is visible. */
public final class QuotePublishingException extends ProblemException {

    public QuotePublishingException(String message, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Kafka unavailable", message, cause);
    }
}

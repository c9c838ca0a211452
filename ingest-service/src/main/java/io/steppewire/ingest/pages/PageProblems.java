package io.steppewire.ingest.pages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns refused and failed pages into problem+json answers that say what to change. */
@RestControllerAdvice(assignableTypes = PageController.class)
class PageProblems {

    private static final Logger log = LoggerFactory.getLogger(PageProblems.class);

    @ExceptionHandler(PageRejectedException.class)
    ProblemDetail rejected(PageRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        problem.setProperty("reason", e.reason());
        if (e.explanation() != null) {
            problem.setProperty("lines", PageResponses.LineResponse.of(e.explanation()));
        }
        return problem;
    }

    @ExceptionHandler(PublishFailedException.class)
    ProblemDetail publishFailed(PublishFailedException e) {
        log.warn("Page not published: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()
                + ". Nothing of this page was published; send it again later (the same page gives the same ids).");
        problem.setTitle("Kafka unavailable");
        problem.setProperty("reason", "kafka");
        return problem;
    }
}

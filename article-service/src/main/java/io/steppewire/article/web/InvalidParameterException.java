package io.steppewire.article.web;

import io.steppewire.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/** A request parameter that does not have the accepted form; answered with 400 naming the parameter. */
public class InvalidParameterException extends ProblemException {

    private static final URI TYPE = URI.create("https://steppewire.io/problems/invalid-parameter");

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(HttpStatus.BAD_REQUEST, "Invalid parameter: " + parameter, message);
        this.parameter = parameter;
        with("parameter", parameter);
    }

    public String parameter() {
        return parameter;
    }

    /** Keeps the problem type that clients of earlier versions may match on. */
    @Override
    public ProblemDetail toProblem() {
        ProblemDetail problem = super.toProblem();
        problem.setType(TYPE);
        return problem;
    }
}

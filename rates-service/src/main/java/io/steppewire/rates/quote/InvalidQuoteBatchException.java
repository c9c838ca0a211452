package io.steppewire.rates.quote;

import java.util.List;

/** A batch with at least one unusable quote; none of it may be published. */
public final class InvalidQuoteBatchException extends RuntimeException {

    private final List<QuoteProblem> problems;

    public InvalidQuoteBatchException(String summary, List<QuoteProblem> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    public List<QuoteProblem> problems() {
        return problems;
    }
}

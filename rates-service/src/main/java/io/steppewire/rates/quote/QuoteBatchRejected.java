package io.steppewire.rates.quote;

import java.util.List;

/** A batch with at least one unusable quote, or none at all; none of it may be published. */
public final class QuoteBatchRejected extends RuntimeException {

    private final List<QuoteProblem> problems;

    public QuoteBatchRejected(String summary, List<QuoteProblem> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    /** Every problem of every quote, by index and field; empty when the batch as a whole is refused. */
    public List<QuoteProblem> problems() {
        return problems;
    }
}

package io.steppewire.notify.subscription;

import java.util.List;

/** A subscription request with at least one field that cannot be accepted. */
public final class InvalidSubscriptionException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidSubscriptionException(List<FieldViolation> violations) {
        super(violations.size() == 1 ? violations.getFirst().field() + ": " + violations.getFirst().message()
                : violations.size() + " fields are invalid, first " + violations.getFirst().field() + ": "
                        + violations.getFirst().message());
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}

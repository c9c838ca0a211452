package io.steppewire.notify.subscription;

/**
 * One reason a request was refused.
 *
 * @param field   the JSON path of the field, e.g. {@code rules.pairs[0].thresholdPct}
 * @param message what is wrong and what is accepted
 */
public record FieldViolation(String field, String message) {
}

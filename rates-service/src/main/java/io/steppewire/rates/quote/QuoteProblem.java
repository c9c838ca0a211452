package io.steppewire.rates.quote;

/**
 * Why one quote of a batch was refused.
 *
 * @param index   position of the quote in the batch, from 0
 * @param field   the offending field, or {@code quote} for the item as a whole
 * @param message what is wrong and which form is accepted
 */
public record QuoteProblem(int index, String field, String message) {
}

package io.steppewire.rates.change;

import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on one incoming quote.
 *
 * @param outcome what happened to the quote
 * @param keep    the quote to keep as the new reference for its pair and source; absent when the kept one stays
 * @param change  the change to publish; present only when {@code outcome} is {@link QuoteOutcome#CHANGED} or
 *                {@link QuoteOutcome#FIRST_REPORTED_MOVE}
 */
public record ChangeDecision(QuoteOutcome outcome, @Nullable RateQuoted keep, @Nullable RateChanged change) {

    static ChangeDecision keepOnly(QuoteOutcome outcome, RateQuoted keep) {
        return new ChangeDecision(outcome, keep, null);
    }

    static ChangeDecision ignore(QuoteOutcome outcome) {
        return new ChangeDecision(outcome, null, null);
    }
}

package io.steppewire.rates.quote.api;

import io.steppewire.rates.quote.QuoteSubmission;
import org.jspecify.annotations.Nullable;

import java.util.List;

/** Body of {@code POST /api/quotes}. */
public record QuoteBatchRequest(@Nullable List<@Nullable QuoteSubmission> quotes) {
}

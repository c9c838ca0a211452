package io.steppewire.rates.quote;

import org.jspecify.annotations.Nullable;

/**
 * One quote as a client sent it, before any checking: every field may be missing or malformed, and
 * numbers stay text so that their written decimals survive.
 *
 * @param pair              {@code BASE/QUOTE}, either direction, e.g. {@code USD/KZT}
 * @param rate              price of one BASE in QUOTE, e.g. {@code "515.90"}
 * @param reportedChangePct the source's own change in percent for the pair as written, optional
 * @param asOf              a date {@code 2026-03-14} or an instant {@code 2026-03-14T10:00:00Z}
 * @param source            who quoted it, e.g. {@code nbk}
 */
public record QuoteSubmission(@Nullable String pair, @Nullable String rate, @Nullable String reportedChangePct,
                              @Nullable String asOf, @Nullable String source) {
}

package io.steppewire.notify.preview;

import io.steppewire.notify.matching.Backtest;

import java.time.Instant;
import java.util.List;

/**
 * What the rules would have raised from {@code from} to {@code to}.
 *
 * @param historyFrom     the oldest moment the stored history still covers: a period before it finds nothing there
 * @param articlesRead    the stored articles replayed (only those that could match are read)
 * @param rateChangesRead the stored rate changes replayed, including those before {@code from} that warm the rules up
 * @param total           every alert that would have been raised
 * @param alerts          the first of them, oldest first, at most {@code steppewire.notify.preview.max-listed}
 * @param perRule         alerts per rule: {@code articles} for the article conditions, each pair rule as it appears in
 *                        an alert's {@code matchedOn}; a rule that would never have fired counts 0
 * @param perDay          alerts per UTC day, days without any left out
 */
public record PreviewResponse(Instant from, Instant to, Instant historyFrom, int articlesRead, int rateChangesRead, long total,
                              List<Backtest.WouldRaise> alerts, List<Backtest.RuleCount> perRule, List<Backtest.DayCount> perDay) {
}

package io.steppewire.article.rates;

import io.steppewire.article.articles.ArticleView;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RatePoint;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answers of the rates API. Rates and percentages are strings so they keep the decimals they were quoted with. */
public final class RateViews {

    @Schema(description = "The latest quote of a pair (newest as-of wins) and its last change")
    public record LatestRate(
            @Schema(example = "KZT/USD") String pair,
            @Schema(example = "0.00201") String rate,
            int decimals,
            String rateLow,
            String rateHigh,
            Instant asOf,
            String source,
            @Nullable String reportedChangePct,
            @Schema(description = "The quote as the source gave it, when it was inverted to the canonical direction")
            @Nullable QuotedAs quotedAs,
            @Schema(description = "The last change of the pair seen on fx.rate-changes.v1", nullable = true)
            @Nullable Change lastChange,
            @Schema(description = "The newest official central-bank rate of the pair (steppewire.rates.official-sources)", nullable = true)
            @Nullable SourceRate official,
            @Schema(description = "The newest rate of the pair from any other source (news tickers, pushed quotes)", nullable = true)
            @Nullable SourceRate ticker) {
    }

    @Schema(description = "The newest quote of a pair from one kind of source")
    public record SourceRate(String source, String rate, int decimals, String rateLow, String rateHigh, Instant asOf,
                             @Nullable String reportedChangePct, @Nullable QuotedAs quotedAs) {
    }

    @Schema(description = "A rate of a day's chart point with the precision it was quoted with")
    public record DayRate(String rate, int decimals, String rateLow, String rateHigh, Instant asOf, String source) {
    }

    @Schema(description = "One day (UTC) of a pair: its first, highest, lowest and last rate and how many points it had")
    public record DailyPoint(LocalDate day, DayRate open, DayRate high, DayRate low, DayRate close, int count) {
    }

    public record Daily(@Schema(example = "KZT/USD") String pair, @Nullable String source, LocalDate from, LocalDate to,
                        @Schema(description = "One point per day that has quotes, oldest first") List<DailyPoint> items) {
    }

    public record LatestRates(List<LatestRate> items) {
    }

    public record QuotedAs(String pair, String rate, int decimals) {
    }

    public record HistoryPoint(Instant asOf, String source, String rate, int decimals, String rateLow, String rateHigh,
                               @Nullable String reportedChangePct, String quoteId) {
    }

    public record History(@Schema(example = "TJS/USD") String pair, List<HistoryPoint> items) {
    }

    public record Point(String rate, int decimals, String rateLow, String rateHigh, Instant asOf, String quoteId) {

        static Point of(RatePoint point) {
            return new Point(text(point.rate()), point.decimals(), text(point.rateLow()), text(point.rateHigh()),
                    point.asOf(), point.quoteId());
        }
    }

    public record Interval(String lowPct, String highPct) {
    }

    public record Assessment(String thresholdPct, boolean big, String basis, String direction) {
    }

    @Schema(description = "A change of a pair's rate between two quotes of one source, with its precision-aware interval")
    public record Change(String changeId, String source, Point previous, Point current, @Nullable String reportedChangePct,
                         String naiveChangePct, Interval computedChangePct, Assessment assessment, Instant detectedAt) {

        static Change of(RateChanged change) {
            return new Change(change.changeId(), change.source(), Point.of(change.previous()), Point.of(change.current()),
                    change.reportedChangePct() == null ? null : text(change.reportedChangePct()),
                    text(change.naiveChangePct()),
                    new Interval(text(change.computedChangePct().lowPct()), text(change.computedChangePct().highPct())),
                    new Assessment(text(change.assessment().thresholdPct()), change.assessment().big(),
                            change.assessment().basis().name(), change.assessment().direction().name()),
                    change.detectedAt());
        }
    }

    @Schema(description = "The moves of a pair on a date and the news about its currencies' countries around it")
    public record Context(String pair, LocalDate date, List<String> countries, List<Change> moves,
                          List<HistoryPoint> quotes,
                          @Schema(description = "Articles about the countries, published from the day before to the day after")
                          List<ArticleView> articles) {
    }

    static String text(BigDecimal value) {
        return value.toPlainString();
    }

    private RateViews() {
    }
}

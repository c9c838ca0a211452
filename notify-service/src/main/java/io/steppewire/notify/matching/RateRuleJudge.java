package io.steppewire.notify.matching;

import io.steppewire.events.fx.ChangeInterval;
import io.steppewire.events.fx.Direction;
import io.steppewire.events.fx.MoveAssessment;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RatePoint;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.RateWindow;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges one rate change against one rule that needs history or memory, and says what the rule remembers next.
 * Pure: the history and the memory come in, the verdict goes out, so live alerting and the backtest share it.
 *
 * <ul>
 * <li>{@code window}: the move from the quote in force at the window's start (the latest at or before it) to the new
 * quote, precision-aware like a change rule. Edge-triggered per source: it fires when the move becomes big and re-arms
 * once it is no longer big, so a move that stays big does not fire on every quote.</li>
 * <li>{@code level}: fires when the quote reaches the level (exactly at it counts) coming from the other side; re-arms
 * once a quote is back beyond the level by more than the hysteresis.</li>
 * <li>{@code sinceLastAlert}: the move from the quote that last made it fire (before any, from the change's previous
 * quote), per source.</li>
 * <li>{@code divergence}: a ticker's quote against the official quote in force on its day (published that day or, over
 * a weekend or holiday, up to {@link #OFFICIAL_RATE_HOLDS} before), beyond both quotes' precision. Edge-triggered per
 * ticker source.</li>
 * <li>{@code minIntervalMinutes}: after a firing, the rule stays quiet for that long, by the changes' detection times.</li>
 * </ul>
 */
public final class RateRuleJudge {

    /** How long an official rate stands for a day without its own publication: a weekend and a holiday. */
    public static final Duration OFFICIAL_RATE_HOLDS = Duration.ofDays(3);

    /** The verdict, and the rule's memory after the change. */
    public record Verdict(boolean fires, RuleState next) {
    }

    private final RateHistory history;
    private final Set<String> officialSources;

    public RateRuleJudge(RateHistory history, Set<String> officialSources) {
        this.history = history;
        this.officialSources = Set.copyOf(officialSources);
    }

    public boolean official(String source) {
        return officialSources.contains(source);
    }

    /** The history must already hold {@code change}. */
    public Verdict judge(PairRule rule, RateChanged change, RuleState state) {
        if (state.firedBy().contains(change.changeId())) {
            // A redelivery of a change that made the rule fire: the same alert again, which its id makes a no-op.
            return new Verdict(true, state);
        }
        boolean cooling = rule.minIntervalMinutes() > 0 && state.lastFiredAt() != null
                && change.detectedAt().isBefore(state.lastFiredAt().plus(rule.minInterval()));
        return switch (rule.kind()) {
            case CHANGE -> change(rule, change, state, cooling);
            case WINDOW -> window(rule, change, state, cooling);
            case LEVEL -> level(rule, change, state, cooling);
            case SINCE_LAST_ALERT -> sinceLastAlert(rule, change, state, cooling);
            case DIVERGENCE -> divergence(rule, change, state, cooling);
        };
    }

    private static Verdict change(PairRule rule, RateChanged change, RuleState state, boolean cooling) {
        boolean big = change.assessAt(rule.requiredThresholdPct()).firesFor(rule.direction());
        return big && !cooling ? new Verdict(true, state.fired(change.changeId(), change.detectedAt())) : new Verdict(false, state);
    }

    private Verdict window(PairRule rule, RateChanged change, RuleState state, boolean cooling) {
        RuleState.SourceState source = state.sources().get(change.source());
        if (stale(source, change)) {
            return new Verdict(false, state);
        }
        RateWindow window = requireWindow(rule);
        RatePoint current = change.current();
        RatePoint start = history.inForceAt(change.pair(), change.source(), current.asOf().minus(window.span())).orElse(change.previous());
        MoveAssessment move = MoveAssessment.at(rule.requiredThresholdPct(), null, ChangeInterval.between(start, current));
        return edge(move.firesFor(rule.direction()), source, change.source(), change, state, cooling);
    }

    private static Verdict level(PairRule rule, RateChanged change, RuleState state, boolean cooling) {
        RuleState.SourceState source = state.sources().get(change.source());
        if (stale(source, change)) {
            return new Verdict(false, state);
        }
        BigDecimal level = requireLevel(rule);
        BigDecimal rate = change.current().rate();
        // Armed from the start only when the rate came from the other side: a rule set below the rate waits for a crossing.
        boolean armed = source != null ? source.armed() : !reached(rule.direction(), level, change.previous().rate());
        if (armed && reached(rule.direction(), level, rate)) {
            if (cooling) {
                return new Verdict(false, state.with(change.source(), new RuleState.SourceState(true, null, change.current().asOf())));
            }
            return new Verdict(true, state.fired(change.changeId(), change.detectedAt())
                    .with(change.source(), new RuleState.SourceState(false, null, change.current().asOf())));
        }
        boolean rearmed = armed || backBeyond(rule.direction(), level, rule.hysteresisPct(), rate);
        return new Verdict(false, state.with(change.source(), new RuleState.SourceState(rearmed, null, change.current().asOf())));
    }

    private static Verdict sinceLastAlert(PairRule rule, RateChanged change, RuleState state, boolean cooling) {
        RuleState.SourceState source = state.sources().get(change.source());
        if (stale(source, change)) {
            return new Verdict(false, state);
        }
        RatePoint reference = source == null || source.reference() == null ? change.previous() : source.reference();
        // From the change's own previous quote the change's assessment holds, a reported move included.
        MoveAssessment move = reference.quoteId().equals(change.previous().quoteId())
                ? change.assessAt(rule.requiredThresholdPct())
                : MoveAssessment.at(rule.requiredThresholdPct(), null, ChangeInterval.between(reference, change.current()));
        if (move.firesFor(rule.direction()) && !cooling) {
            return new Verdict(true, state.fired(change.changeId(), change.detectedAt())
                    .with(change.source(), new RuleState.SourceState(true, change.current(), change.current().asOf())));
        }
        return new Verdict(false, state.with(change.source(), new RuleState.SourceState(true, reference, change.current().asOf())));
    }

    private Verdict divergence(PairRule rule, RateChanged change, RuleState state, boolean cooling) {
        Instant dayStart = change.current().asOf().truncatedTo(ChronoUnit.DAYS);
        Instant dayEnd = dayStart.plus(Duration.ofDays(1));
        if (official(change.source())) {
            // The official rate moved: every ticker quoting that day is judged against it.
            List<RateHistory.SourcedPoint> tickers = history.latestOfEachOther(change.pair(), officialSources, dayStart, dayEnd);
            boolean fires = false;
            RuleState next = state;
            for (RateHistory.SourcedPoint ticker : tickers) {
                Verdict verdict = gap(rule, change, next, cooling || fires, change.current(), ticker);
                fires |= verdict.fires();
                next = verdict.next();
            }
            return new Verdict(fires, next);
        }
        Optional<RateHistory.SourcedPoint> officialRate = history.latestOf(change.pair(), officialSources,
                dayStart.minus(OFFICIAL_RATE_HOLDS), dayEnd);
        return officialRate.map(o -> gap(rule, change, state, cooling, o.point(),
                new RateHistory.SourcedPoint(change.source(), change.current()))).orElseGet(() -> new Verdict(false, state));
    }

    private static Verdict gap(PairRule rule, RateChanged change, RuleState state, boolean cooling, RatePoint officialRate,
                               RateHistory.SourcedPoint ticker) {
        // The ticker's quote as a move from the official one: its interval spans both quotes' precision.
        MoveAssessment gap = MoveAssessment.at(rule.requiredThresholdPct(), null, ChangeInterval.between(officialRate, ticker.point()));
        return edge(gap.firesFor(rule.direction()), state.sources().get(ticker.source()), ticker.source(), change, state, cooling);
    }

    /** Fires when the condition holds and the source is armed; disarms on firing and re-arms once the condition fails. */
    private static Verdict edge(boolean holds, RuleState.@Nullable SourceState source, String sourceName, RateChanged change,
                                RuleState state, boolean cooling) {
        boolean armed = source == null || source.armed();
        Instant asOf = change.current().asOf();
        if (holds && armed && !cooling) {
            return new Verdict(true, state.fired(change.changeId(), change.detectedAt())
                    .with(sourceName, new RuleState.SourceState(false, null, asOf)));
        }
        return new Verdict(false, state.with(sourceName, new RuleState.SourceState(armed || !holds, null, asOf)));
    }

    /** True when a newer quote of the source was judged already: a late redelivery must not move the state back. */
    private static boolean stale(RuleState.@Nullable SourceState source, RateChanged change) {
        return source != null && source.lastAsOf() != null && change.current().asOf().isBefore(source.lastAsOf());
    }

    static boolean reached(Direction direction, BigDecimal level, BigDecimal rate) {
        int comparison = rate.compareTo(level);
        return direction == Direction.DOWN ? comparison <= 0 : comparison >= 0;
    }

    /** Back on the other side of the level, by more than the hysteresis. */
    static boolean backBeyond(Direction direction, BigDecimal level, @Nullable BigDecimal hysteresisPct, BigDecimal rate) {
        BigDecimal margin = level.multiply(hysteresisPct == null ? BigDecimal.ZERO : hysteresisPct, MathContext.DECIMAL64).movePointLeft(2);
        return direction == Direction.DOWN ? rate.compareTo(level.add(margin)) > 0 : rate.compareTo(level.subtract(margin)) < 0;
    }

    private static RateWindow requireWindow(PairRule rule) {
        if (rule.window() == null) {
            throw new IllegalStateException("A window rule without a window");
        }
        return rule.window();
    }

    private static BigDecimal requireLevel(PairRule rule) {
        if (rule.level() == null) {
            throw new IllegalStateException("A level rule without a level");
        }
        return rule.level();
    }
}

package io.steppewire.notify.matching;

import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.Direction;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.RateWindow;
import io.steppewire.notify.subscription.RuleKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RateRuleJudgeTest {

    private static final Instant DAY_0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Set<String> OFFICIAL = Set.of("nbk", "cbu", "nbkr", "nbt", "cbt");

    private final InMemoryRateHistory history = new InMemoryRateHistory();
    private final RateRuleJudge judge = new RateRuleJudge(history, OFFICIAL);
    private RuleState state = RuleState.FRESH;

    @Test
    void aWindowMeasuresFromTheQuoteInForceAtItsStartWhenTheStartFallsBetweenQuotes() {
        PairRule weekly = rule(RuleKind.WINDOW, "KZT/USD", "2", Direction.EITHER, RateWindow.WEEK, null, null, 0);
        List<Boolean> fired = replay(weekly, "ticker", "KZT/USD", List.of(
                point("0.00200", DAY_0), point("0.00205", day(3)), point("0.00206", day(8))));

        // At day 3 the move is 2.5 % as read but may be 1.99 %. At day 8 the window starts at day 1, between the quotes
        // of day 0 and day 3: day 0's rate was in force then, 3 % below day 8's. Measured from day 3 (0.5 %) it would not fire.
        assertThat(fired).containsExactly(false, true);
    }

    @Test
    void aWindowMoveInsideThePrecisionBandDoesNotFire() {
        PairRule weekly = rule(RuleKind.WINDOW, "KZT/USD", "2", Direction.EITHER, RateWindow.WEEK, null, null, 0);

        // 0.00200 to 0.00204 reads as 2 %, but five decimals allow anything from 1.49 % to 2.51 %.
        assertThat(replay(weekly, "ticker", "KZT/USD", List.of(point("0.00200", DAY_0), point("0.00204", day(2)))))
                .containsExactly(false);
    }

    @Test
    void aWindowFiresOnceWhileTheMoveStaysBigAndAgainAfterItCloses() {
        PairRule daily = rule(RuleKind.WINDOW, "KZT/USD", "1", Direction.UP, RateWindow.DAY, null, null, 0);
        List<Boolean> fired = replay(daily, "ticker", "KZT/USD", List.of(
                point("0.00200", DAY_0), point("0.00210", DAY_0.plus(Duration.ofHours(6))),
                point("0.00212", DAY_0.plus(Duration.ofHours(12))), point("0.00212", day(2)),
                point("0.00220", day(2).plus(Duration.ofHours(6)))));

        assertThat(fired).containsExactly(true, false, false, true);
    }

    @Test
    void aLevelFiresWhenTheRateReachesItExactly() {
        PairRule floor = rule(RuleKind.LEVEL, "UZS/USD", null, Direction.DOWN, null, "0.00008", "0.5", 0);

        assertThat(replay(floor, "ticker", "UZS/USD", List.of(point("0.0000801", DAY_0), point("0.0000800", day(1)))))
                .containsExactly(true);
    }

    @Test
    void aLevelAlreadyPassedWhenTheRuleStartsWaitsForACrossing() {
        PairRule floor = rule(RuleKind.LEVEL, "UZS/USD", null, Direction.DOWN, null, "0.00008", "0", 0);

        assertThat(replay(floor, "ticker", "UZS/USD", List.of(point("0.0000790", DAY_0), point("0.0000780", day(1)),
                point("0.0000801", day(2)), point("0.0000799", day(3))))).containsExactly(false, false, true);
    }

    @Test
    void aLevelReArmsOnlyAfterCrossingBackByTheHysteresis() {
        PairRule floor = rule(RuleKind.LEVEL, "UZS/USD", null, Direction.DOWN, null, "0.00008", "0.5", 0);
        // 0.5 % above the level is 0.0000804: 0.0000802 is back above the level but not by the hysteresis.
        List<Boolean> fired = replay(floor, "ticker", "UZS/USD", List.of(point("0.0000810", DAY_0), point("0.0000799", day(1)),
                point("0.0000802", day(2)), point("0.0000799", day(3)), point("0.0000805", day(4)), point("0.0000799", day(5))));

        assertThat(fired).containsExactly(true, false, false, false, true);
    }

    @Test
    void aRisingLevelFiresGoingUp() {
        PairRule ceiling = rule(RuleKind.LEVEL, "KZT/USD", null, Direction.UP, null, "0.00210", null, 0);

        assertThat(replay(ceiling, "ticker", "KZT/USD", List.of(point("0.00200", DAY_0), point("0.00209", day(1)),
                point("0.00211", day(2))))).containsExactly(false, true);
    }

    @Test
    void sinceLastAlertAddsUpSmallMovesAndStartsAgainFromItsLastFiring() {
        PairRule drift = rule(RuleKind.SINCE_LAST_ALERT, "TJS/USD", "1", Direction.EITHER, null, null, null, 0);
        // +0.6 % twice: neither alone is 1 %, together they are; after firing it measures from 0.10120.
        List<Boolean> fired = replay(drift, "ticker", "TJS/USD", List.of(point("0.10000", DAY_0), point("0.10060", day(1)),
                point("0.10120", day(2)), point("0.10180", day(3)), point("0.10240", day(4))));

        assertThat(fired).containsExactly(false, true, false, true);
    }

    @Test
    void aTickerDivergingFromTheOfficialRateBeyondBothPrecisionsFires() {
        PairRule divergence = rule(RuleKind.DIVERGENCE, "KGS/USD", "0.5", Direction.EITHER, null, null, null, 0);
        record(change("nbkr", "KGS/USD", point("0.011400", day(-1)), point("0.011435", DAY_0)));

        RateChanged ticker = change("times-ca", "KGS/USD", point("0.0114", day(-1)), point("0.0116", DAY_0));
        record(ticker);

        // 0.0116 against 0.011435: at least 1.0 % apart, whatever the rounding of either.
        assertThat(judge.judge(divergence, ticker, RuleState.FRESH).fires()).isTrue();
    }

    @Test
    void aTickerWithinThePrecisionBandOfTheOfficialRateDoesNotDiverge() {
        PairRule divergence = rule(RuleKind.DIVERGENCE, "KGS/USD", "0.5", Direction.EITHER, null, null, null, 0);
        record(change("nbkr", "KGS/USD", point("0.011400", day(-1)), point("0.011435", DAY_0)));

        RateChanged ticker = change("times-ca", "KGS/USD", point("0.0114", day(-1)), point("0.0115", DAY_0));
        record(ticker);

        // 0.0115 reads as 0.57 % above, but four decimals allow 0.0114500, only 0.13 % above.
        assertThat(judge.judge(divergence, ticker, RuleState.FRESH).fires()).isFalse();
    }

    @Test
    void anOfficialRatePublishedAfterTheTickerIsJudgedAgainstTheTickersOfItsDay() {
        PairRule divergence = rule(RuleKind.DIVERGENCE, "KGS/USD", "0.5", Direction.DOWN, null, null, null, 0);
        record(change("times-ca", "KGS/USD", point("0.0114", day(-1)), point("0.0113", DAY_0)));

        RateChanged official = change("nbkr", "KGS/USD", point("0.011400", day(-1)), point("0.011435", DAY_0));
        record(official);

        assertThat(judge.judge(divergence, official, RuleState.FRESH).fires()).isTrue();
    }

    @Test
    void anOfficialRateOfAnotherWeekDoesNotCount() {
        PairRule divergence = rule(RuleKind.DIVERGENCE, "KGS/USD", "0.5", Direction.EITHER, null, null, null, 0);
        record(change("nbkr", "KGS/USD", point("0.011400", day(-9)), point("0.011435", day(-8))));

        RateChanged ticker = change("times-ca", "KGS/USD", point("0.0114", day(-1)), point("0.0120", DAY_0));
        record(ticker);

        assertThat(judge.judge(divergence, ticker, RuleState.FRESH).fires()).isFalse();
    }

    @Test
    void aCooldownKeepsTheRuleQuietAfterItFires() {
        PairRule hourly = rule(RuleKind.CHANGE, "KZT/USD", "1", Direction.EITHER, null, null, null, 60);
        List<RateChanged> changes = List.of(
                change("ticker", "KZT/USD", point("0.00200", DAY_0), point("0.00210", DAY_0.plus(Duration.ofMinutes(1)))),
                change("ticker", "KZT/USD", point("0.00210", DAY_0.plus(Duration.ofMinutes(1))), point("0.00200", DAY_0.plus(Duration.ofMinutes(59)))),
                change("ticker", "KZT/USD", point("0.00200", DAY_0.plus(Duration.ofMinutes(59))), point("0.00210", DAY_0.plus(Duration.ofMinutes(61)))));

        // The third comes exactly 60 minutes after the first firing: the cooldown is over.
        assertThat(judgeAll(hourly, changes)).containsExactly(true, false, true);
    }

    @Test
    void aCooldownHoldsALevelArmedUntilItEnds() {
        PairRule floor = rule(RuleKind.LEVEL, "UZS/USD", null, Direction.DOWN, null, "0.00008", "0", 120);
        List<Boolean> fired = replay(floor, "ticker", "UZS/USD", List.of(point("0.0000810", DAY_0),
                point("0.0000799", DAY_0.plus(Duration.ofMinutes(10))), point("0.0000801", DAY_0.plus(Duration.ofMinutes(20))),
                point("0.0000799", DAY_0.plus(Duration.ofMinutes(30))), point("0.0000798", DAY_0.plus(Duration.ofMinutes(200)))));

        assertThat(fired).containsExactly(true, false, false, true);
    }

    @Test
    void aRedeliveredChangeThatFiredFiresAgainAndLeavesTheMemoryAsItWas() {
        PairRule floor = rule(RuleKind.LEVEL, "UZS/USD", null, Direction.DOWN, null, "0.00008", "0", 0);
        RateChanged crossing = change("ticker", "UZS/USD", point("0.0000801", DAY_0), point("0.0000799", day(1)));
        record(crossing);
        RuleState afterFiring = judge.judge(floor, crossing, RuleState.FRESH).next();

        RateRuleJudge.Verdict again = judge.judge(floor, crossing, afterFiring);

        assertThat(again.fires()).isTrue();
        assertThat(again.next()).isEqualTo(afterFiring);
    }

    @Test
    void anOlderChangeArrivingLateDoesNotMoveTheMemoryBack() {
        PairRule drift = rule(RuleKind.SINCE_LAST_ALERT, "TJS/USD", "1", Direction.EITHER, null, null, null, 0);
        RateChanged older = change("ticker", "TJS/USD", point("0.10000", DAY_0), point("0.10060", day(1)));
        RateChanged newer = change("ticker", "TJS/USD", point("0.10060", day(1)), point("0.10070", day(2)));
        record(older);
        record(newer);
        RuleState afterNewer = judge.judge(drift, newer, RuleState.FRESH).next();

        RateRuleJudge.Verdict late = judge.judge(drift, older, afterNewer);

        assertThat(late.fires()).isFalse();
        assertThat(late.next()).isEqualTo(afterNewer);
    }

    private record Point(String rate, Instant asOf) {
    }

    private static Point point(String rate, Instant asOf) {
        return new Point(rate, asOf);
    }

    private static Instant day(int days) {
        return DAY_0.plus(Duration.ofDays(days));
    }

    /** Each consecutive pair of points becomes a change of {@code source}, judged in order; one verdict per change. */
    private List<Boolean> replay(PairRule rule, String source, String pair, List<Point> points) {
        List<RateChanged> changes = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            changes.add(change(source, pair, points.get(i - 1), points.get(i)));
        }
        return judgeAll(rule, changes);
    }

    private List<Boolean> judgeAll(PairRule rule, List<RateChanged> changes) {
        List<Boolean> fired = new ArrayList<>();
        for (RateChanged change : changes) {
            record(change);
            RateRuleJudge.Verdict verdict = judge.judge(rule, change, state);
            fired.add(verdict.fires());
            state = verdict.next();
        }
        return fired;
    }

    private void record(RateChanged change) {
        history.record(change);
    }

    private static RateChanged change(String source, String pair, Point previous, Point current) {
        return RateChanged.between(quote(source, pair, previous), quote(source, pair, current), BigDecimal.ONE, current.asOf());
    }

    private static RateQuoted quote(String source, String pair, Point point) {
        return RateQuoted.fromQuote(pair, new BigDecimal(point.rate()), null, point.asOf(), source, null, point.asOf());
    }

    private static PairRule rule(RuleKind kind, String pair, String thresholdPct, Direction direction, RateWindow window,
                                 String level, String hysteresisPct, int minIntervalMinutes) {
        return new PairRule(kind, CurrencyPair.parse(pair), thresholdPct == null ? null : new BigDecimal(thresholdPct), direction,
                window, level == null ? null : new BigDecimal(level), hysteresisPct == null ? null : new BigDecimal(hysteresisPct),
                minIntervalMinutes);
    }
}

package io.steppewire.notify.matching;

import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.Direction;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.subscription.RuleKind;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.notify.support.Stories;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BacktestTest {

    private static final Instant DAY_0 = Instant.parse("2026-03-02T00:00:00Z");
    private final Backtest backtest = new Backtest(Set.of("nbk"), 2);

    @Test
    void changesBeforeThePeriodWarmTheRulesUpWithoutCounting() {
        Subscription floor = subscription(new Rules(Set.of(), Set.of(), Set.of(), null, null, List.of(new PairRule(RuleKind.LEVEL,
                CurrencyPair.parse("UZS/USD"), null, Direction.DOWN, null, new BigDecimal("0.00008"), BigDecimal.ZERO, 0))));
        List<RateChanged> changes = List.of(change("0.0000810", day(0), "0.0000799", day(1)), change("0.0000799", day(1), "0.0000798", day(3)),
                change("0.0000798", day(3), "0.0000810", day(4)), change("0.0000810", day(4), "0.0000790", day(5)));

        Backtest.Result result = backtest.run(floor, List.of(), changes, day(2), day(6));

        // The crossing of day 1 is before the period: it disarmed the rule, so day 3 is quiet; day 5 crosses again.
        assertThat(result.alerts()).extracting(Backtest.WouldRaise::eventId).containsExactly(changes.get(3).changeId());
        assertThat(result.perRule()).containsExactly(new Backtest.RuleCount("level:UZS/USD down 0.00008", 1));
    }

    @Test
    void countsEveryArticleWhenTheRulesAskForEveryArticleAndListsOnlyTheFirst() {
        List<Backtest.StoredArticle> story = Stream.of(Stories.kazakhGrainHarvest().withStoryId("harvest"), Stories.caspianFerry().withStoryId("harvest"),
                Stories.article("Grain Trains Queue at Dostyk", "DOSTYK – Wagons of wheat wait at the border.", List.of("KZ"), List.of(), List.of())
                        .withStoryId("harvest")).map(Backtest.StoredArticle::of).toList();
        Rules perStory = new Rules(Set.of("KZ"), Set.of(), Set.of(), null, null, List.of(), true);
        Rules everyArticle = new Rules(Set.of("KZ"), Set.of(), Set.of(), null, null, List.of(), false);

        assertThat(backtest.run(subscription(perStory), story, List.of(), Stories.MORNING, Stories.MORNING.plusSeconds(60)).total()).isEqualTo(1);
        Backtest.Result every = backtest.run(subscription(everyArticle), story, List.of(), Stories.MORNING, Stories.MORNING.plusSeconds(60));
        assertThat(every.total()).isEqualTo(3);
        assertThat(every.alerts()).hasSize(2);
        assertThat(every.perDay()).containsExactly(new Backtest.DayCount(java.time.LocalDate.parse("2026-03-14"), 3));
    }

    private static Subscription subscription(Rules rules) {
        return new Subscription("preview", "preview", new Channel.ServerSentEvents(), rules, "", DAY_0, DAY_0, 1, false, null);
    }

    private static Instant day(int days) {
        return DAY_0.plus(Duration.ofDays(days));
    }

    private static RateChanged change(String previousRate, Instant previousAsOf, String rate, Instant asOf) {
        return RateChanged.between(quote(previousRate, previousAsOf), quote(rate, asOf), BigDecimal.ONE, asOf);
    }

    private static RateQuoted quote(String rate, Instant asOf) {
        return RateQuoted.fromQuote("UZS/USD", new BigDecimal(rate), null, asOf, "times-ca", null, asOf);
    }
}

package io.steppewire.notify.matching;

import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.Direction;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RatePoint;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.RateWindow;
import io.steppewire.notify.subscription.RuleKind;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.subscription.Subscription;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matcher stores a change only when a rule that reads history is about to judge it, and always before that rule
 * reads: a batch's changes that only plain change rules judge are stored together by the caller.
 */
class RateRuleMatcherTest {

    private static final Instant DAY_0 = Instant.parse("2026-03-02T00:00:00Z");

    private final InMemoryRateHistory stored = new InMemoryRateHistory();
    /** What happened, in order: "stored <change id>" and "read". */
    private final List<String> events = new ArrayList<>();
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final RateRuleMatcher matcher = new RateRuleMatcher(index, new RateRuleJudge(new NotingHistory(), Set.of("nbk")),
            new InMemoryRuleMemory());

    @Test
    void aChangeOnlyPlainChangeRulesJudgeIsLeftForTheCallerToStore() {
        index.apply(subscription("som-desk", new PairRule(CurrencyPair.parse("KGS/USD"), new BigDecimal("1"), Direction.EITHER)));
        RateChanged somFalls = change("KGS/USD", "0.01150", "0.01115", DAY_0, DAY_0.plus(Duration.ofDays(1)));

        List<Match> matches = matcher.match(somFalls, () -> remember(somFalls));

        assertThat(matches).extracting(m -> m.subscription().id()).containsExactly("som-desk");
        assertThat(events).isEmpty();
    }

    @Test
    void aChangeARuleReadsHistoryForIsStoredBeforeTheRuleReads() {
        index.apply(subscription("tenge-week", new PairRule(RuleKind.WINDOW, CurrencyPair.parse("KZT/USD"), new BigDecimal("2"),
                Direction.EITHER, RateWindow.WEEK, null, null, 0)));
        RateChanged earlier = change("KZT/USD", "0.00200", "0.00205", DAY_0, DAY_0.plus(Duration.ofDays(3)));
        remember(earlier);
        RateChanged tengeRises = change("KZT/USD", "0.00205", "0.00206", DAY_0.plus(Duration.ofDays(3)), DAY_0.plus(Duration.ofDays(8)));

        List<Match> matches = matcher.match(tengeRises, () -> remember(tengeRises));

        assertThat(matches).extracting(m -> m.subscription().id()).containsExactly("tenge-week");
        assertThat(events.subList(1, events.size())).startsWith("stored " + tengeRises.changeId()).contains("read")
                .containsOnlyOnce("stored " + tengeRises.changeId());
    }

    private void remember(RateChanged change) {
        stored.record(change);
        events.add("stored " + change.changeId());
    }

    /** The stored history, noting each read. */
    private final class NotingHistory implements RateHistory {

        @Override
        public Optional<RatePoint> inForceAt(String pair, String source, Instant at) {
            events.add("read");
            return stored.inForceAt(pair, source, at);
        }

        @Override
        public Optional<SourcedPoint> latestOf(String pair, Set<String> sources, Instant from, Instant to) {
            events.add("read");
            return stored.latestOf(pair, sources, from, to);
        }

        @Override
        public List<SourcedPoint> latestOfEachOther(String pair, Set<String> excluded, Instant from, Instant to) {
            events.add("read");
            return stored.latestOfEachOther(pair, excluded, from, to);
        }
    }

    private static RateChanged change(String pair, String from, String to, Instant fromAsOf, Instant toAsOf) {
        return RateChanged.between(quote(pair, from, fromAsOf), quote(pair, to, toAsOf), BigDecimal.ONE, toAsOf);
    }

    private static RateQuoted quote(String pair, String rate, Instant asOf) {
        return RateQuoted.fromQuote(pair, new BigDecimal(rate), null, asOf, "ticker", null, asOf);
    }

    private static Subscription subscription(String id, PairRule rule) {
        Instant created = Instant.parse("2026-03-01T00:00:00Z");
        return new Subscription(id, id, new Channel.ServerSentEvents(), new Rules(Set.of(), Set.of(), Set.of(), null, null, List.of(rule)),
                "token-" + id, created, created, 1, false, null);
    }
}

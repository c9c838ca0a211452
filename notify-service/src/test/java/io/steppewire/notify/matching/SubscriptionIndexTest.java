package io.steppewire.notify.matching;

import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.events.fx.Direction;
import io.steppewire.notify.subscription.Channel;
import io.steppewire.notify.subscription.PairRule;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.notify.subscription.Subscription;
import io.steppewire.query.QueryParser;
import io.steppewire.notify.support.Stories;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionIndexTest {

    private final SubscriptionIndex index = new SubscriptionIndex();

    @Test
    void anArticleMatchesWhenItMeetsEveryGivenCondition() {
        index.apply(articleWatch("tajik-energy", Set.of("TJ"), Set.of("energy"), Set.of(), null));
        index.apply(articleWatch("uzbek-energy", Set.of("UZ"), Set.of("energy"), Set.of(), null));
        index.apply(articleWatch("any-energy", Set.of(), Set.of("energy", "mining"), Set.of(), null));

        List<Match> matches = index.matchArticle(Stories.tajikDam());

        assertThat(matches).extracting(m -> m.subscription().id()).containsExactlyInAnyOrder("tajik-energy", "any-energy");
        assertThat(matches).filteredOn(m -> m.subscription().id().equals("tajik-energy")).singleElement()
                .satisfies(m -> assertThat(m.matchedOn()).containsExactlyInAnyOrder("country:TJ", "tag:energy"));
    }

    @Test
    void matchesEntitiesWhateverTheirCase() {
        index.apply(articleWatch("utility-watch", Set.of(), Set.of(), Set.of("barqi tojik"), null));

        assertThat(index.matchArticle(Stories.tajikDam())).extracting(m -> m.subscription().id()).containsExactly("utility-watch");
    }

    @Test
    void findsQueryTermsAndPhrasesInTheTextButNotAcrossParagraphs() {
        index.apply(articleWatch("turbines", Set.of(), Set.of(), Set.of(), "\"hydropower turbine\" AND NOT coal"));
        index.apply(articleWatch("floods-and-dams", Set.of(), Set.of(), Set.of(), "floods AND (dam OR reservoir)"));
        index.apply(articleWatch("across-blocks", Set.of(), Set.of(), Set.of(), "\"floods dushanbe\""));
        index.apply(articleWatch("coal", Set.of(), Set.of(), Set.of(), "coal"));

        List<Match> matches = index.matchArticle(Stories.tajikDam());

        assertThat(matches).extracting(m -> m.subscription().id()).containsExactlyInAnyOrder("turbines", "floods-and-dams");
    }

    @Test
    void aQueryNarrowsOtherConditions() {
        index.apply(articleWatch("tajik-turbines", Set.of("TJ"), Set.of(), Set.of(), "turbine"));
        index.apply(articleWatch("tajik-solar", Set.of("TJ"), Set.of(), Set.of(), "solar"));

        assertThat(index.matchArticle(Stories.tajikDam())).extracting(m -> m.subscription().id()).containsExactly("tajik-turbines");
    }

    @Test
    void forgetsADeletedSubscriptionAndIgnoresAnOlderCopyOfIt() {
        Subscription watch = articleWatch("tajik-energy", Set.of("TJ"), Set.of(), Set.of(), null);
        index.apply(watch);
        Subscription tombstone = new Subscription(watch.id(), watch.name(), watch.channel(), watch.rules(), watch.streamToken(),
                watch.createdAt(), watch.updatedAt().plusSeconds(1), 2, true, null);

        index.apply(tombstone);
        index.apply(watch);

        assertThat(index.matchArticle(Stories.tajikDam())).isEmpty();
        assertThat(index.find("tajik-energy")).isEmpty();
    }

    @Test
    void aReplacedSubscriptionMatchesOnlyByItsNewRules() {
        Subscription first = articleWatch("desk", Set.of("TJ"), Set.of(), Set.of(), null);
        index.apply(first);
        index.apply(new Subscription("desk", "desk", first.channel(), new Rules(Set.of("KZ"), Set.of(), Set.of(), null, null, List.of()),
                "token", first.createdAt(), first.updatedAt(), 2, false, null));

        assertThat(index.matchArticle(Stories.tajikDam())).isEmpty();
        assertThat(index.matchArticle(Stories.kazakhGrainHarvest())).extracting(m -> m.subscription().id()).containsExactly("desk");
    }

    @Test
    void aRateRuleFiresForABigMoveInItsDirectionOnly() {
        index.apply(pairWatch("tenge-up", "KZT/USD", "1.0", Direction.UP));
        index.apply(pairWatch("tenge-down", "KZT/USD", "1.0", Direction.DOWN));
        index.apply(pairWatch("tenge-either-small", "KZT/USD", "0.5", Direction.EITHER));
        index.apply(pairWatch("tenge-huge", "KZT/USD", "10", Direction.EITHER));
        index.apply(pairWatch("som", "KGS/USD", "0.1", Direction.EITHER));

        List<Match> matches = index.matchRateChange(Stories.tengeJumps());

        assertThat(matches).extracting(m -> m.subscription().id()).containsExactlyInAnyOrder("tenge-up", "tenge-either-small");
        assertThat(matches).filteredOn(m -> m.subscription().id().equals("tenge-up")).singleElement()
                .satisfies(m -> assertThat(m.matchedOn()).containsExactly("pair:KZT/USD up 1.0%"));
    }

    @Test
    void aRoundingFlickerFiresNoRateRule() {
        index.apply(pairWatch("tenge-sensitive", "KZT/USD", "0.01", Direction.EITHER));

        assertThat(index.matchRateChange(Stories.tengeFlickers())).isEmpty();
    }

    @Test
    void findsASubscriptionFiledUnderTheRarePairOfTwoCrowdedConditions() {
        for (int i = 0; i < 500; i++) {
            index.apply(articleWatch("kyrgyz-energy-" + i, Set.of("KG"), Set.of("energy"), Set.of(), null));
            index.apply(articleWatch("tajik-mining-" + i, Set.of("TJ"), Set.of("mining"), Set.of(), null));
        }
        // Both "TJ" and "energy" are crowded by now; "TJ and energy" is not.
        index.apply(articleWatch("tajik-energy", Set.of("TJ"), Set.of("energy"), Set.of(), null));

        assertThat(index.matchArticle(Stories.tajikDam())).extracting(m -> m.subscription().id()).containsExactly("tajik-energy");
        assertThat(index.size()).isEqualTo(1_001);
    }

    @Test
    void aDeletedKeywordSubscriptionSeenAgainLeavesEveryOtherQueryMatching() {
        index.apply(articleWatch("turbines", Set.of(), Set.of(), Set.of(), "turbine"));
        Subscription coal = articleWatch("coal", Set.of(), Set.of(), Set.of(), "coal");
        index.apply(coal);
        Subscription tombstone = new Subscription(coal.id(), coal.name(), coal.channel(), coal.rules(), coal.streamToken(),
                coal.createdAt(), coal.updatedAt().plusSeconds(1), 2, true, null);

        // The refresher applies every change it reads again on each poll within its overlap, tombstones included.
        for (int poll = 0; poll < 5; poll++) {
            index.apply(tombstone);
        }

        assertThat(index.matchArticle(Stories.tajikDam())).extracting(m -> m.subscription().id()).containsExactly("turbines");
    }

    static Subscription articleWatch(String id, Set<String> countries, Set<String> tags, Set<String> entities, String query) {
        Rules rules = new Rules(countries, tags, entities, query, query == null ? null : QueryParser.parse(query), List.of());
        return subscription(id, rules);
    }

    static Subscription pairWatch(String id, String pair, String threshold, Direction direction) {
        return subscription(id, new Rules(Set.of(), Set.of(), Set.of(), null, null,
                List.of(new PairRule(CurrencyPair.parse(pair), new BigDecimal(threshold), direction))));
    }

    private static Subscription subscription(String id, Rules rules) {
        Instant created = Instant.parse("2026-03-01T00:00:00Z");
        return new Subscription(id, id, new Channel.ServerSentEvents(), rules, "token-" + id, created, created, 1, false, null);
    }

}

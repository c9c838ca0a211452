package io.steppewire.notify.subscription;

import io.steppewire.events.fx.Direction;
import io.steppewire.notify.delivery.outbox.WebhookConfiguration;
import io.steppewire.notify.subscription.SubscriptionRequest.ChannelRequest;
import io.steppewire.notify.subscription.SubscriptionRequest.PairRuleRequest;
import io.steppewire.notify.subscription.SubscriptionRequest.RulesRequest;
import io.steppewire.notify.subscription.store.InternetAddressSyntax;
import io.steppewire.platform.net.CheckedResolver;
import io.steppewire.platform.net.OutboundAddressPolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule kinds of issue #14: the shape it gives is accepted, and every wrong field is named with what to write. */
class RuleKindValidationTest {

    private static final ChannelRequest SSE = new ChannelRequest("sse", null, null, null);

    private final SubscriptionValidator validator = new SubscriptionValidator(WebhookConfiguration.urlCheck(
            new CheckedResolver(OutboundAddressPolicy.publicOnly(), host -> new InetAddress[]{InetAddress.getByName("93.184.216.34")})),
            new InternetAddressSyntax());

    @Test
    void acceptsEveryKindInTheShapeOfTheIssue() {
        List<PairRule> rules = validate(
                new PairRuleRequest("change", "TJS/USD", "0.25", "either", null, null, null, null),
                new PairRuleRequest("window", "KZT/USD", "2", "either", "7d", null, null, null),
                new PairRuleRequest("level", "UZS/USD", null, "down", null, "0.00008", "0.5", null),
                new PairRuleRequest("sinceLastAlert", "TJS/USD", "1", null, null, null, null, null),
                new PairRuleRequest("divergence", "KGS/USD", "0.5", null, null, null, null, "60"));

        assertThat(rules).extracting(PairRule::kind).containsExactly(RuleKind.CHANGE, RuleKind.WINDOW, RuleKind.LEVEL,
                RuleKind.SINCE_LAST_ALERT, RuleKind.DIVERGENCE);
        assertThat(rules.get(1).window()).isEqualTo(RateWindow.WEEK);
        assertThat(rules.get(2).level()).isEqualByComparingTo("0.00008");
        assertThat(rules.get(2).hysteresisPct()).isEqualByComparingTo("0.5");
        assertThat(rules.get(2).direction()).isEqualTo(Direction.DOWN);
        assertThat(rules.get(4).minIntervalMinutes()).isEqualTo(60);
    }

    @Test
    void aRuleWithoutKindIsTheChangeRuleItAlwaysWas() {
        PairRule rule = validate(new PairRuleRequest("KZT/USD", "0.5", "up")).getFirst();

        assertThat(rule).isEqualTo(new PairRule(io.steppewire.events.fx.CurrencyPair.parse("KZT/USD"), new java.math.BigDecimal("0.5"), Direction.UP));
        assertThat(rule.stateless()).isTrue();
        assertThat(rule.describe()).isEqualTo("pair:KZT/USD up 0.5%");
    }

    @Test
    void refusesAnUnknownKindNamingTheKinds() {
        assertRefused(new PairRuleRequest("trend", "KZT/USD", "1", null, null, null, null, null),
                "rules.pairs[0].kind", "'trend' is not a rule kind; accepted are change (the default), window, level, sinceLastAlert and divergence");
    }

    @Test
    void refusesAMissingOrBadWindow() {
        assertRefused(new PairRuleRequest("window", "KZT/USD", "1", null, null, null, null, null),
                "rules.pairs[0].window", "is required for a window rule; accepted are 24h, 7d and 30d");
        assertRefused(new PairRuleRequest("window", "KZT/USD", "1", null, "1w", null, null, null),
                "rules.pairs[0].window", "'1w' is not a window; accepted are 24h, 7d and 30d");
        assertRefused(new PairRuleRequest("change", "KZT/USD", "1", null, "7d", null, null, null),
                "rules.pairs[0].window", "only a window rule takes a window");
    }

    @Test
    void refusesALevelThatIsNotAPositiveDecimal() {
        for (String level : List.of("abc", "1E-5", "-0.00008", "0", "0x10", "9".repeat(10_000))) {
            assertRefused(new PairRuleRequest("level", "UZS/USD", null, "down", null, level, null, null), "rules.pairs[0].level",
                    "give the rate as a decimal string above 0");
        }
        assertRefused(new PairRuleRequest("level", "UZS/USD", null, "down", null, null, null, null), "rules.pairs[0].level",
                "is required for a level rule");
    }

    @Test
    void aLevelNeedsUpOrDownAndNoThreshold() {
        assertRefused(new PairRuleRequest("level", "UZS/USD", null, "either", null, "0.00008", null, null), "rules.pairs[0].direction",
                "up (the rate rises to the level) or down");
        assertRefused(new PairRuleRequest("level", "UZS/USD", "1", "down", null, "0.00008", null, null), "rules.pairs[0].thresholdPct",
                "a level rule has no threshold");
    }

    @Test
    void refusesNegativeOrHugeHysteresis() {
        for (String hysteresis : List.of("-0.5", "51", "1" + "0".repeat(40), "1E+3")) {
            assertRefused(new PairRuleRequest("level", "UZS/USD", null, "down", null, "0.00008", hysteresis, null),
                    "rules.pairs[0].hysteresisPct", "give a percentage from 0 to 50");
        }
        assertRefused(new PairRuleRequest("window", "KZT/USD", "1", null, "7d", null, "0.5", null),
                "rules.pairs[0].hysteresisPct", "only a level rule takes hysteresisPct");
    }

    @Test
    void refusesACooldownThatIsNotWholeMinutesOfAtMostThirtyDays() {
        for (String minutes : List.of("-1", "1.5", "43201", "99999999999999999999", "1E3", "sixty", "")) {
            assertRefused(new PairRuleRequest("divergence", "KGS/USD", "0.5", null, null, null, null, minutes),
                    "rules.pairs[0].minIntervalMinutes", "give whole minutes from 0 to 43200");
        }
    }

    @Test
    void refusesAHugeThresholdOnEveryKindThatHasOne() {
        for (String kind : List.of("change", "window", "sinceLastAlert", "divergence")) {
            assertRefused(new PairRuleRequest(kind, "KZT/USD", "1" + "0".repeat(5_000), null, "window".equals(kind) ? "24h" : null, null, null, null),
                    "rules.pairs[0].thresholdPct", "above 0 and at most 1000");
        }
    }

    @Test
    void articlesAreAlertedPerStoryUnlessTheRulesSayOtherwise() {
        assertThat(validator.validate(articleRules(null)).rules().perStory()).isTrue();
        assertThat(validator.validate(articleRules(true)).rules().perStory()).isTrue();
        assertThat(validator.validate(articleRules(false)).rules().perStory()).isFalse();
    }

    private SubscriptionRequest articleRules(Boolean perStory) {
        return new SubscriptionRequest("Kyrgyz news", SSE, new RulesRequest(List.of("KG"), null, null, null, null, perStory));
    }

    private List<PairRule> validate(PairRuleRequest... rules) {
        return validator.validate(new SubscriptionRequest("Rates", SSE, new RulesRequest(null, null, null, null, List.of(rules)))).rules().pairs();
    }

    private void assertRefused(PairRuleRequest rule, String field, String message) {
        assertThatThrownBy(() -> validate(rule)).as(field + " of " + rule).isInstanceOfSatisfying(InvalidSubscriptionException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo(field);
                    assertThat(v.message()).contains(message);
                }));
    }
}

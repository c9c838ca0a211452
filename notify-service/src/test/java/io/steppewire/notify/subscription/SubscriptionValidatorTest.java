package io.steppewire.notify.subscription;

import io.steppewire.events.fx.Direction;
import io.steppewire.notify.delivery.outbox.WebhookConfiguration;
import io.steppewire.notify.subscription.SubscriptionRequest.ChannelRequest;
import io.steppewire.notify.subscription.SubscriptionRequest.PairRuleRequest;
import io.steppewire.notify.subscription.SubscriptionRequest.RulesRequest;
import io.steppewire.platform.net.CheckedResolver;
import io.steppewire.platform.net.OutboundAddressPolicy;
import org.junit.jupiter.api.Test;

import io.steppewire.notify.subscription.store.InternetAddressSyntax;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionValidatorTest {

    private static final ChannelRequest WEBHOOK = new ChannelRequest("webhook", "https://hooks.example.org/in", "tajik-energy-desk-secret", null);

    private final SubscriptionValidator validator = new SubscriptionValidator(WebhookConfiguration.urlCheck(
            new CheckedResolver(OutboundAddressPolicy.publicOnly(), host ->
                    new InetAddress[]{InetAddress.getByName(host.equals("hooks.example.org") ? "93.184.216.34" : "10.0.0.7")})),
            new InternetAddressSyntax());

    @Test
    void acceptsTheTajikWatchFromTheIssue() {
        SubscriptionSpec spec = validator.validate(new SubscriptionRequest("Tajik watch", WEBHOOK, new RulesRequest(
                List.of("tj"), List.of("Energy"), List.of(), "hydropower OR \"solar park\"",
                List.of(new PairRuleRequest("TJS/USD", "0.25", "either")))));

        assertThat(spec.name()).isEqualTo("Tajik watch");
        assertThat(spec.rules().countries()).containsExactly("TJ");
        assertThat(spec.rules().tags()).containsExactly("energy");
        assertThat(spec.rules().query()).isNotNull();
        assertThat(spec.rules().pairs()).singleElement().satisfies(rule -> {
            assertThat(rule.pair().toString()).isEqualTo("TJS/USD");
            assertThat(rule.thresholdPct()).isEqualByComparingTo("0.25");
            assertThat(rule.direction()).isEqualTo(Direction.EITHER);
        });
        assertThat(spec.channel()).isInstanceOf(Channel.Webhook.class);
    }

    @Test
    void explainsEveryRefusedFieldAtOnce() {
        var request = new SubscriptionRequest(" ", new ChannelRequest("webhook", "https://intranet.example.org/in", "short", null),
                new RulesRequest(List.of("Kazakhstan"), List.of("Energy & Power"), List.of(), "solar OR",
                        List.of(new PairRuleRequest("USD/KZT", "-1", "sideways"))));

        assertThatThrownBy(() -> validator.validate(request)).isInstanceOfSatisfying(InvalidSubscriptionException.class, e ->
                assertThat(e.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
                        "name", "channel.url", "channel.secret", "rules.countries[0]", "rules.tags[0]", "rules.query",
                        "rules.pairs[0].pair", "rules.pairs[0].thresholdPct", "rules.pairs[0].direction"));
    }

    @Test
    void tellsTheCanonicalDirectionOfAnInvertedPair() {
        var request = new SubscriptionRequest("Tenge", WEBHOOK, new RulesRequest(null, null, null, null,
                List.of(new PairRuleRequest("USD/KZT", "1", "up"))));

        assertThatThrownBy(() -> validator.validate(request)).hasMessageContaining("write KZT/USD");
    }

    @Test
    void refusesRulesThatWatchNothing() {
        var request = new SubscriptionRequest("Empty", WEBHOOK, new RulesRequest(List.of(), List.of(), List.of(), " ", List.of()));

        assertThatThrownBy(() -> validator.validate(request)).isInstanceOfSatisfying(InvalidSubscriptionException.class, e ->
                assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("rules")));
    }

    @Test
    void refusesAQueryThatOnlyExcludes() {
        var request = new SubscriptionRequest("No coal", WEBHOOK, new RulesRequest(null, null, null, "NOT coal", null));

        assertThatThrownBy(() -> validator.validate(request)).hasMessageContaining("rules.query").hasMessageContaining("only excludes");
    }

    @Test
    void acceptsAnEmailChannelAndAStreamChannel() {
        var rules = new RulesRequest(List.of("KG"), null, null, null, null);

        assertThat(validator.validate(new SubscriptionRequest("Bishkek mail", new ChannelRequest("email", null, null, "desk@example.org"), rules))
                .channel()).isEqualTo(new Channel.Email("desk@example.org"));
        assertThat(validator.validate(new SubscriptionRequest("Bishkek live", new ChannelRequest("sse", null, null, null), rules))
                .channel()).isInstanceOf(Channel.ServerSentEvents.class);
        assertThatThrownBy(() -> validator.validate(new SubscriptionRequest("Bad mail", new ChannelRequest("email", null, null, "desk"), rules)))
                .hasMessageContaining("channel.address");
    }

    @Test
    void acceptsAStandardWebhooksSecretAndRefusesABrokenOne() {
        var rules = new RulesRequest(List.of("KG"), null, null, null, null);
        var good = new ChannelRequest("webhook", "https://hooks.example.org/in", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", null);
        var broken = new ChannelRequest("webhook", "https://hooks.example.org/in", "whsec_not*base64", null);

        assertThat(validator.validate(new SubscriptionRequest("Signed", good, rules)).channel()).isInstanceOf(Channel.Webhook.class);
        assertThatThrownBy(() -> validator.validate(new SubscriptionRequest("Signed", broken, rules))).hasMessageContaining("not base64");
    }

    private SubscriptionRequest tengeRule(String thresholdPct) {
        return new SubscriptionRequest("Tenge", WEBHOOK, new RulesRequest(null, null, null, null,
                List.of(new PairRuleRequest("KZT/USD", thresholdPct, "up"))));
    }

    private SubscriptionRequest mailTo(String address) {
        return new SubscriptionRequest("Bishkek mail", new ChannelRequest("email", null, null, address),
                new RulesRequest(List.of("KG"), null, null, null, null));
    }

    @Test
    void refusesThresholdsWithAnExponentAtOnceWithoutExpandingThem() {
        long started = System.nanoTime();
        for (String hostile : List.of("1E-500000000", "1e-500000000", "1E+500000000", "5E-1", "0x10", "NaN", "Infinity", "1,5", " ")) {
            assertThatThrownBy(() -> validator.validate(tengeRule(hostile))).as(hostile)
                    .isInstanceOfSatisfying(InvalidSubscriptionException.class, e -> assertThat(e.violations())
                            .singleElement().satisfies(v -> {
                                assertThat(v.field()).isEqualTo("rules.pairs[0].thresholdPct");
                                assertThat(v.message()).contains("above 0 and at most 1000");
                            }));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void acceptsThresholdsAboveZeroUpToAThousandPercentAndNothingBeyond() {
        assertThat(validator.validate(tengeRule("0.000000000000000000000000000001")).rules().pairs().getFirst().thresholdPct())
                .isEqualByComparingTo("1E-30");
        assertThat(validator.validate(tengeRule("1000")).rules().pairs().getFirst().thresholdPct()).isEqualByComparingTo("1000");
        for (String outside : List.of("0", "-0.5", "1000.0000001", "0.0000000000000000000000000000001", "1" + "0".repeat(40))) {
            assertThatThrownBy(() -> validator.validate(tengeRule(outside))).as(outside)
                    .hasMessageContaining("rules.pairs[0].thresholdPct");
        }
    }

    @Test
    void refusesAddressesThatAreNotOneBareMailbox() {
        for (String bad : List.of("desk", "desk@", "@example.org", "desk@example", "desk@@example.org", "Desk <desk@example.org>",
                "desk@example.org (news desk)", "desk@example.org, chief@example.org", "desk @example.org", "desk@[10.0.0.1]",
                "group: desk@example.org;", "desk@example.org.", "\"unclosed@example.org")) {
            assertThatThrownBy(() -> validator.validate(mailTo(bad))).as(bad).hasMessageContaining("channel.address");
        }
        assertThat(validator.validate(mailTo(" first.last+news@mail.example.org ")).channel())
                .isEqualTo(new Channel.Email("first.last+news@mail.example.org"));
    }

    @Test
    void refusesAHundredThousandCharacterAddressQuicklyAndQuotesOnlyItsStart() {
        List<String> pathological = List.of("a".repeat(100_000) + "@example.org", "(".repeat(100_000) + "@example.org",
                "\"" + "\\\"".repeat(50_000) + "@example.org", "a@" + "b.".repeat(50_000) + "org",
                "(".repeat(60) + "a@example.org", "\"".repeat(120) + "@x.org", "a".repeat(65) + "@example.org");
        long started = System.nanoTime();
        for (String address : pathological) {
            assertThatThrownBy(() -> validator.validate(mailTo(address))).as(address.substring(0, 20))
                    .isInstanceOfSatisfying(InvalidSubscriptionException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(400));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
}

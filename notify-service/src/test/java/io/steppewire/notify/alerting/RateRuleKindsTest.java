package io.steppewire.notify.alerting;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every rule kind end to end: subscribed through the API, rate changes through Kafka, alerts at a webhook. */
class RateRuleKindsTest extends NotifyIntegrationTest {

    /** Its own days, so that no other test's quotes of these pairs fall into a window. */
    private static final Instant DAY_0 = Instant.parse("2025-06-16T00:00:00Z");

    @Test
    void eachKindFiresOnceForItsEdgeThroughKafkaAndARedeliveredChangeFiresNothingNew() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String uzsFloor = subscribe(receiver, "UZS floor",
                    "{\"kind\": \"level\", \"pair\": \"UZS/USD\", \"level\": \"0.00008\", \"direction\": \"down\", \"hysteresisPct\": 0.5}");
            String kgsWeek = subscribe(receiver, "KGS week",
                    "{\"kind\": \"window\", \"pair\": \"KGS/USD\", \"window\": \"7d\", \"thresholdPct\": 2, \"direction\": \"either\"}");
            String kgsGap = subscribe(receiver, "KGS gap",
                    "{\"kind\": \"divergence\", \"pair\": \"KGS/USD\", \"thresholdPct\": 0.5, \"minIntervalMinutes\": 60}");
            String tjsDrift = subscribe(receiver, "TJS drift", "{\"kind\": \"sinceLastAlert\", \"pair\": \"TJS/USD\", \"thresholdPct\": 1}");
            String tjsHourly = subscribe(receiver, "TJS hourly",
                    "{\"kind\": \"change\", \"pair\": \"TJS/USD\", \"thresholdPct\": 0.25, \"minIntervalMinutes\": 60}");

            // The level: crossed, the crossing delivered twice, then lower still (disarmed), back above by the
            // hysteresis (re-armed) and crossed again.
            RateChanged uzsCrosses = change("times-ca", "UZS/USD", "0.0000810", day(0), "0.0000799", day(1));
            RateChanged uzsRecrosses = change("times-ca", "UZS/USD", "0.0000810", day(3), "0.0000795", day(4));
            for (RateChanged change : List.of(uzsCrosses, uzsCrosses, change("times-ca", "UZS/USD", "0.0000799", day(1), "0.0000798", day(2)),
                    change("times-ca", "UZS/USD", "0.0000798", day(2), "0.0000810", day(3)), uzsRecrosses)) {
                publish(Topics.RATE_CHANGES, change.pair(), change.changeId(), change);
            }
            // The som: the official rate first, then a ticker 3 % up on its quote of eight days before and 1 % above it.
            RateChanged official = change("nbkr", "KGS/USD", "0.011400", day(-1), "0.011435", day(0));
            RateChanged ticker = change("times-ca", "KGS/USD", "0.0112", day(-8), "0.0116", day(0));
            publish(Topics.RATE_CHANGES, official.pair(), official.changeId(), official);
            publish(Topics.RATE_CHANGES, ticker.pair(), ticker.changeId(), ticker);
            // The somoni: +0.6 % (a change, not yet 1 % since anything), then +0.6 % within the hour (cooling; 1.2 % in all).
            RateChanged tjsFirst = change("times-ca", "TJS/USD", "0.10000", day(0), "0.10060", day(1));
            RateChanged tjsSecond = change("times-ca", "TJS/USD", "0.10060", day(1), "0.10120", day(1).plus(Duration.ofMinutes(30)));
            publish(Topics.RATE_CHANGES, tjsFirst.pair(), tjsFirst.changeId(), tjsFirst);
            publish(Topics.RATE_CHANGES, tjsSecond.pair(), tjsSecond.changeId(), tjsSecond);

            List<String> expected = List.of(EventIds.alert(uzsFloor, uzsCrosses.changeId()), EventIds.alert(uzsFloor, uzsRecrosses.changeId()),
                    EventIds.alert(kgsWeek, ticker.changeId()), EventIds.alert(kgsGap, ticker.changeId()),
                    EventIds.alert(tjsHourly, tjsFirst.changeId()), EventIds.alert(tjsDrift, tjsSecond.changeId()));
            await().atMost(PATIENCE).until(() -> receiver.all().stream().map(WebhookReceiver.Received::id).toList().containsAll(expected));
            // Each pair's changes share a partition, so the last alert of each pair came after every change before it was judged.
            assertThat(receiver.all()).extracting(WebhookReceiver.Received::id).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(receiver.all()).filteredOn(r -> r.id().equals(EventIds.alert(uzsFloor, uzsCrosses.changeId()))).singleElement()
                    .satisfies(r -> assertThat(JSON.readTree(r.body()).path("matchedOn").get(0).asString()).isEqualTo("level:UZS/USD down 0.00008"));
            assertThat(receiver.all()).filteredOn(r -> r.id().equals(EventIds.alert(kgsGap, ticker.changeId()))).singleElement()
                    .satisfies(r -> assertThat(JSON.readTree(r.body()).path("matchedOn").get(0).asString()).isEqualTo("divergence:KGS/USD either 0.5%"));
        }
    }

    private String subscribe(WebhookReceiver receiver, String name, String rule) {
        return subscribe("""
                {"name": "%s", "channel": {"type": "webhook", "url": "%s", "secret": "rule-kinds-secret-0001"},
                 "rules": {"pairs": [%s]}}
                """.formatted(name, receiver.url(), rule));
    }

    private static Instant day(int days) {
        return DAY_0.plus(Duration.ofDays(days));
    }

    private static RateChanged change(String source, String pair, String previousRate, Instant previousAsOf, String rate, Instant asOf) {
        return RateChanged.between(quote(source, pair, previousRate, previousAsOf), quote(source, pair, rate, asOf), BigDecimal.ONE, asOf);
    }

    private static RateQuoted quote(String source, String pair, String rate, Instant asOf) {
        return RateQuoted.fromQuote(pair, new BigDecimal(rate), null, asOf, source, null, asOf);
    }
}

package io.steppewire.notify.alerting;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.TraceContext;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One quote's path is one trace: the alert of a rate change whose record carries a W3C {@code traceparent} is published
 * and sent to the webhook in the same trace, each attempt with a span id of its own.
 */
class TraceContinuesTest extends NotifyIntegrationTest {

    private static final String QUOTES_TRACE = "3d1f0c9e8b7a65f4e3d2c1b0a9f8e7d6";
    private static final String QUOTES_SPAN = "a1b2c3d4e5f60718";

    @Test
    void theAlertAndEveryWebhookAttemptContinueTheTraceOfTheChange() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             KafkaConsumer<String, byte[]> alerts = readerOf(Topics.ALERTS.name())) {
            String subscriptionId = subscribe("""
                    {"name": "Traced som", "channel": {"type": "webhook", "url": "%s", "secret": "traced-som-secret-0001"},
                     "rules": {"pairs": [{"pair": "KGS/USD", "thresholdPct": 1.0, "direction": "either"}]}}
                    """.formatted(receiver.url()));
            // The first attempt is refused, so a retry shows that it continues the same trace too.
            receiver.refuseNext(1);
            RateChanged somMoves = somMoves();

            publish(Topics.RATE_CHANGES, somMoves.pair(), somMoves.changeId(), somMoves,
                    "00-" + QUOTES_TRACE + "-" + QUOTES_SPAN + "-01");

            String alertId = EventIds.alert(subscriptionId, somMoves.changeId());
            await().atMost(PATIENCE).until(() -> receiver.accepted().stream().anyMatch(r -> alertId.equals(r.id())));
            List<TraceContext> attempts = receiver.all().stream().filter(r -> alertId.equals(r.id()))
                    .map(r -> TraceContext.parse(r.traceparent()).orElseThrow(() -> new AssertionError("no valid traceparent: " + r.traceparent())))
                    .toList();
            assertThat(attempts).hasSize(2).allSatisfy(attempt -> {
                assertThat(attempt.traceId()).isEqualTo(QUOTES_TRACE);
                assertThat(attempt.parentId()).isNotEqualTo(QUOTES_SPAN);
                assertThat(attempt.flags()).isEqualTo("01");
            });
            assertThat(attempts.get(0).parentId()).as("each attempt is a span of its own").isNotEqualTo(attempts.get(1).parentId());

            ConsumerRecord<String, byte[]> alert = awaitPublishedAlert(alerts, alertId);
            assertThat(TraceContext.readFrom(alert.headers())).map(TraceContext::traceId).contains(QUOTES_TRACE);
        }
    }

    /** The som falls 3 % in a day: a change no other test publishes. */
    private static RateChanged somMoves() {
        Instant monday = Instant.parse("2026-05-04T06:00:00Z");
        Instant tuesday = monday.plus(Duration.ofDays(1));
        return RateChanged.between(Stories.quote("KGS/USD", "0.01150", null, monday), Stories.quote("KGS/USD", "0.01115", null, tuesday),
                new BigDecimal("1.0"), tuesday);
    }
}

package io.steppewire.notify.delivery;

import io.steppewire.events.EventIds;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.notify.delivery.outbox.DeliveryWorker;
import io.steppewire.notify.support.HeldReceiver;
import io.steppewire.notify.support.NotifyIntegrationTest;
import io.steppewire.notify.support.RecorderGate;
import io.steppewire.notify.support.Stories;
import io.steppewire.notify.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryWorkerStopTest extends NotifyIntegrationTest {

    @Autowired
    DeliveryWorker worker;

    @Autowired
    RecorderGate gate;

    @Test
    void anAttemptBeingRecordedWhenTheWorkerStopsIsStillRecordedSoItIsNotSentAgain() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String subscriptionId = subscribe("""
                    {"name": "Turkmen culture desk", "channel": {"type": "webhook", "url": "%s", "secret": "turkmen-culture-desk-secret"},
                     "rules": {"countries": ["TM"]}}
                    """.formatted(receiver.url()));
            ArticleIngested story = Stories.article("Ashgabat Carpet Museum Reopens After Restoration",
                    "ASHGABAT – The museum's largest carpet went back on show after two years of careful repair.",
                    List.of("TM"), List.of("culture"), List.of());
            RecorderGate.Hold hold = gate.arm(EventIds.alert(subscriptionId, story.articleId()));
            Thread stopper = null;
            try {
                publish(Topics.ARTICLES, story.articleId(), story.articleId(), story);
                assertThat(hold.awaitHeld(PATIENCE)).as("the attempt's history write is reached").isTrue();

                stopper = Thread.ofPlatform().name("test-worker-stop").start(worker::stop);
                Thread stopping = stopper;
                // Lets the write go only once stop() is past the point where it could interrupt the recorder:
                // either it did, or it waits for the recorder (the join that follows the poller's end).
                await().atMost(PATIENCE).until(() -> hold.wasInterrupted() || waitsForTheRecorder(stopping));
                hold.release();
                stopper.join(PATIENCE);
                assertThat(stopper.isAlive()).as("stop() returned").isFalse();

                assertThat(hold.wasInterrupted()).as("stopping interrupted the recorder's write").isFalse();
                // Recorded by the time stop() returned: no repeat after the lease.
                JsonNode delivery = deliveries(subscriptionId).path("items").get(0);
                assertThat(delivery.path("status").asString()).isEqualTo("delivered");
                assertThat(delivery.path("attemptCount").asInt()).isEqualTo(1);
                assertThat(receiver.all()).hasSize(1);
            } finally {
                gate.disarm();
                if (stopper != null) {
                    stopper.join(PATIENCE);
                }
                // The other tests share this worker.
                worker.start();
            }
        }
    }

    @Test
    void aGracefulStopLetsTheAttemptInFlightFinishInsteadOfCuttingTheReceiverOff() throws Exception {
        try (HeldReceiver receiver = new HeldReceiver()) {
            String subscriptionId = subscribe("""
                    {"name": "Turkmen rail desk", "channel": {"type": "webhook", "url": "%s", "secret": "turkmen-rail-desk-secret"},
                     "rules": {"countries": ["TM"], "tags": ["rail"]}}
                    """.formatted(receiver.url()));
            ArticleIngested story = Stories.article("Turkmenbashi Port Opens a Second Rail Ferry Berth",
                    "TURKMENBASHI – The port's second rail ferry berth took its first train ferry on Tuesday.",
                    List.of("TM"), List.of("rail"), List.of());
            Thread stopper = null;
            try {
                publish(Topics.ARTICLES, story.articleId(), story.articleId(), story);
                await().atMost(PATIENCE).until(() -> receiver.openNow() == 1);

                stopper = Thread.ofPlatform().name("test-worker-stop").start(worker::stop);
                await().atMost(PATIENCE).until(() -> !worker.isRunning());
                receiver.release();
                stopper.join(PATIENCE);
                assertThat(stopper.isAlive()).as("stop() returned").isFalse();

                assertThat(receiver.accepted()).as("the receiver answered the attempt in flight")
                        .contains(EventIds.alert(subscriptionId, story.articleId()));
                JsonNode delivery = deliveries(subscriptionId).path("items").get(0);
                assertThat(delivery.path("status").asString()).isEqualTo("delivered");
            } finally {
                receiver.release();
                if (stopper != null) {
                    stopper.join(PATIENCE);
                }
                worker.start();
            }
        }
    }

    /** Whether stop() is joining a thread after the poller ended, which only the recorder's end can be. */
    private static boolean waitsForTheRecorder(Thread stopping) {
        boolean pollerEnded = Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("delivery-poller"));
        return pollerEnded && Arrays.stream(stopping.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(Thread.class.getName()) && f.getMethodName().equals("join"));
    }

    private JsonNode deliveries(String subscriptionId) {
        var response = getWithKey("/api/subscriptions/" + subscriptionId + "/deliveries");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}

package io.steppewire.notify.delivery.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.notify.delivery.DeliveryStatus;
import io.steppewire.notify.support.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.steppewire.notify.delivery.outbox.OutboxFixtures.claimAll;
import static io.steppewire.notify.delivery.outbox.OutboxFixtures.delivered;
import static io.steppewire.notify.delivery.outbox.OutboxFixtures.delivery;
import static io.steppewire.notify.delivery.outbox.OutboxFixtures.retried;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * First attempts: deliveries attempted before anything of them is written. Whichever writes first, the attempt's
 * record or the consumer that stops waiting for it, every delivery ends in the store exactly once, and a crash before
 * either leaves it to the redelivered event.
 */
class FirstAttemptOutboxTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());
    private static final Duration LEASE = OutboxFixtures.LEASE;
    private static final String HEALTHY = OutboxFixtures.HEALTHY;

    private final MongoTemplate mongo = new MongoTemplate(CLIENT, "first-" + System.nanoTime());
    private final DeliveryOutbox outbox = new DeliveryOutbox(mongo);
    private final Instant now = Instant.parse("2026-03-14T09:00:00Z");

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void aFirstAttemptDeliveredInTimeIsWrittenOnlyAsItsHistory() {
        DeliveryOutbox.Claim claim = attemptFirst("a1");
        assertThat(pendingIds()).isEmpty();

        // Recorded as written nowhere: no claim to lose, no pending document to remove.
        assertThat(outbox.record(List.of(delivered(claim, now)))).isZero();
        outbox.writeUnrecorded(List.of(claim));

        assertThat(pendingIds()).isEmpty();
        assertThat(outbox.ofSubscription("subscription-1", 10)).extracting(DeliveryOutbox.Delivery::alertId, DeliveryOutbox.Delivery::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a1", DeliveryStatus.DELIVERED));
        // The event redelivered after a crash finds it finished: not queued again.
        assertThat(outbox.enqueue(List.of(), List.of(delivery("a1")), now, claimAll(now))).isEmpty();
    }

    @Test
    void aFirstAttemptToRetryIsQueuedWithItsAttemptInOneWrite() {
        DeliveryOutbox.Claim claim = attemptFirst("b1");
        Instant retryAt = now.plusSeconds(60);

        outbox.record(List.of(retried(claim, now, retryAt)));
        outbox.writeUnrecorded(List.of(claim));

        assertThat(outbox.claimDue(retryAt.minusSeconds(1), 10, Set.of(), LEASE)).isEmpty();
        DeliveryOutbox.Claim again = outbox.claimDue(retryAt, 10, Set.of(), LEASE).getFirst();
        assertThat(again.delivery().attemptCount()).isEqualTo(1);
        assertThat(again.delivery().attempts()).extracting(DeliveryOutbox.Attempt::statusCode).containsExactly(503);
        assertThat(again.delivery().firstAttemptAt()).isEqualTo(now);
    }

    @Test
    void anAttemptStillRunningWhenTheConsumerStopsWaitingKeepsItsClaimAndIsRecordedOnce() {
        DeliveryOutbox.Claim claim = attemptFirst("c1");

        outbox.writeUnrecorded(List.of(claim));

        // Written claimed by the running attempt: no poll takes it before its lease ends.
        assertThat(pendingIds()).containsExactly("c1");
        assertThat(outbox.claimDue(now.plus(LEASE).minusSeconds(1), 10, Set.of(), LEASE)).isEmpty();
        assertThat(outbox.record(List.of(delivered(claim, now)))).isZero();
        assertThat(pendingIds()).isEmpty();
        assertThat(outbox.ofSubscription("subscription-1", 10)).extracting(DeliveryOutbox.Delivery::status).containsExactly(DeliveryStatus.DELIVERED);
    }

    @Test
    void aFirstAttemptGivenBackUnattemptedIsWrittenDueAtOnce() {
        DeliveryOutbox.Claim claim = attemptFirst("d1");

        outbox.release(List.of(claim));
        assertThat(pendingIds()).isEmpty();
        outbox.writeUnrecorded(List.of(claim));

        assertThat(outbox.claimDue(now, 10, Set.of(), LEASE)).extracting(DeliveryOutbox.Claim::alertId).containsExactly("d1");
    }

    @Test
    void aRecordArrivingWhileTheConsumerWritesThePendingDocumentWaitsAndThenUpdatesIt() throws Exception {
        DeliveryOutbox.Claim claim = attemptFirst("e1");
        FirstAttempt first = claim.first();
        assertThat(first).isNotNull();
        assertThat(first.startWriting()).isEqualTo(FirstAttempt.Write.CLAIMED);

        // The recorder waits for the consumer's write: had it recorded the attempt as unwritten, it would leave the
        // pending document below beside a history.
        CompletableFuture<Integer> recording = CompletableFuture.supplyAsync(() -> outbox.record(List.of(delivered(claim, now))));
        mongo.getCollection(DeliveryOutbox.PENDING).insertOne(new Document("_id", "e1").append("subscriptionId", "subscription-1")
                .append("channel", "webhook").append("endpoint", HEALTHY).append("body", "{}").append("createdAt", java.util.Date.from(now))
                .append("dueAt", java.util.Date.from(now)).append("attempts", List.of()).append("attemptCount", 0)
                .append(DeliveryOutbox.TOKEN, claim.token()).append("claimedUntil", java.util.Date.from(claim.until())));
        first.written();

        assertThat(recording.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(pendingIds()).isEmpty();
        assertThat(outbox.ofSubscription("subscription-1", 10)).extracting(DeliveryOutbox.Delivery::status).containsExactly(DeliveryStatus.DELIVERED);
    }

    @Test
    void aCrashBeforeEitherWriteLeavesTheDeliveryToTheRedeliveredEvent() {
        attemptFirst("f1");
        // The process dies here: neither the attempt's record nor the consumer's write happened, and the event's
        // offset was not committed, so Kafka delivers it again.

        assertThat(outbox.enqueue(List.of(), List.of(delivery("f1")), now, claimAll(now))).extracting(DeliveryOutbox.Claim::alertId)
                .containsExactly("f1");
        assertThat(pendingIds()).containsExactly("f1");
    }

    private DeliveryOutbox.Claim attemptFirst(String alertId) {
        DeliveryOutbox.Queued queued = outbox.enqueue(List.of(delivery(alertId)), List.of(), now,
                new DeliveryOutbox.ClaimOnInsert(now.plus(LEASE), endpoint -> true, true, endpoint -> true), claims -> { });
        assertThat(queued.firstAttempts()).extracting(DeliveryOutbox.Claim::alertId).containsExactly(alertId);
        return queued.firstAttempts().getFirst();
    }

    private List<String> pendingIds() {
        return mongo.getCollection(DeliveryOutbox.PENDING).find().map(d -> d.getString("_id")).into(new java.util.ArrayList<>());
    }
}

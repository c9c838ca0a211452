package io.steppewire.notify.delivery.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.delivery.DeliveryStatus;
import io.steppewire.notify.support.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.steppewire.notify.delivery.outbox.OutboxFixtures.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The claim-by-update queue: no delivery is attempted by two workers, none is queued twice, and a lost claim records nothing. */
class DeliveryOutboxClaimTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());
    private static final Duration LEASE = OutboxFixtures.LEASE;
    private static final String HEALTHY = OutboxFixtures.HEALTHY;
    private static final String DEAD = "http://dead.example:80";

    private final MongoTemplate mongo = new MongoTemplate(CLIENT, "outbox-" + System.nanoTime());
    private final DeliveryOutbox outbox = new DeliveryOutbox(mongo);
    private final Instant now = Instant.parse("2026-03-14T09:00:00Z");

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void aDeliveryClaimedOnInsertIsHiddenFromPollsUntilItsLeaseEnds() {
        List<DeliveryOutbox.Claim> claims = outbox.enqueue(List.of(delivery("a1"), delivery("a2")), List.of(), now, claimAll());

        assertThat(claims).extracting(DeliveryOutbox.Claim::alertId).containsExactly("a1", "a2");
        assertThat(outbox.claimDue(now.plus(LEASE).minusSeconds(1), 10, Set.of(), LEASE)).isEmpty();
        assertThat(outbox.claimDue(now.plus(LEASE), 10, Set.of(), LEASE)).extracting(DeliveryOutbox.Claim::alertId)
                .containsExactlyInAnyOrder("a1", "a2");
    }

    @Test
    void deliveriesOfEndpointsThatCannotTakeThemNowAreQueuedUnclaimedForAPoll() {
        DeliveryOutbox.ClaimOnInsert onlyHealthy = new DeliveryOutbox.ClaimOnInsert(now.plus(LEASE), HEALTHY::equals);
        List<DeliveryOutbox.Claim> claims = outbox.enqueue(List.of(delivery("b1"),
                new DeliveryOutbox.NewDelivery("b2", "subscription-2", "webhook", "{}", "http://dead.example:80")), List.of(), now, onlyHealthy);

        assertThat(claims).extracting(DeliveryOutbox.Claim::alertId).containsExactly("b1");
        assertThat(outbox.claimDue(now, 10, Set.of("http://dead.example:80"), LEASE)).isEmpty();
        assertThat(outbox.claimDue(now, 10, Set.of(), LEASE)).extracting(DeliveryOutbox.Claim::alertId).containsExactly("b2");
    }

    @Test
    void twoWorkersPollingTogetherNeverShareADelivery() {
        outbox.enqueue(IntStream.range(0, 40).mapToObj(i -> delivery("c" + i)).toList(), List.of(), now, null);

        CompletableFuture<List<DeliveryOutbox.Claim>> first = CompletableFuture.supplyAsync(() -> outbox.claimDue(now, 40, Set.of(), LEASE));
        CompletableFuture<List<DeliveryOutbox.Claim>> second = CompletableFuture.supplyAsync(() -> outbox.claimDue(now, 40, Set.of(), LEASE));

        List<String> ids = new java.util.ArrayList<>();
        first.join().forEach(c -> ids.add(c.alertId()));
        second.join().forEach(c -> ids.add(c.alertId()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void aRepeatedEventQueuesNothingWhileTheDeliveryIsPendingOrAfterItFinished() {
        DeliveryOutbox.Claim claim = outbox.enqueue(List.of(delivery("d1")), List.of(), now, claimAll()).getFirst();
        assertThat(outbox.enqueue(List.of(), List.of(delivery("d1")), now, claimAll())).isEmpty();

        outbox.record(List.of(delivered(claim)));
        assertThat(outbox.enqueue(List.of(), List.of(delivery("d1")), now, claimAll())).isEmpty();
        assertThat(outbox.countPending()).isZero();
        assertThat(outbox.ofSubscription("subscription-1", 10)).extracting(DeliveryOutbox.Delivery::status).containsExactly(DeliveryStatus.DELIVERED);
    }

    @Test
    void aRepeatedEventQueuesTheDeliveryACrashLeftUnqueued() {
        assertThat(outbox.enqueue(List.of(), List.of(delivery("e1")), now, claimAll())).extracting(DeliveryOutbox.Claim::alertId).containsExactly("e1");
    }

    @Test
    void aClaimWhoseLeaseWasTakenOverRecordsNothing() {
        DeliveryOutbox.Claim stale = outbox.enqueue(List.of(delivery("f1")), List.of(), now, claimAll()).getFirst();
        Instant afterLease = now.plus(LEASE).plusSeconds(1);
        DeliveryOutbox.Claim current = outbox.claimDue(afterLease, 10, Set.of(), LEASE).getFirst();

        assertThat(outbox.record(List.of(retried(stale, afterLease.plusSeconds(60))))).isEqualTo(1);
        assertThat(outbox.renew(stale, afterLease.plus(LEASE))).isNull();
        assertThat(outbox.record(List.of(delivered(current)))).isZero();
        assertThat(outbox.countPending()).isZero();
    }

    @Test
    void aRetriedDeliveryIsDueAgainAtItsNextAttemptWithItsAttemptsKept() {
        DeliveryOutbox.Claim claim = outbox.enqueue(List.of(delivery("g1")), List.of(), now, claimAll()).getFirst();
        Instant retryAt = now.plusSeconds(60);

        assertThat(outbox.record(List.of(retried(claim, retryAt)))).isZero();

        assertThat(outbox.claimDue(retryAt.minusSeconds(1), 10, Set.of(), LEASE)).isEmpty();
        DeliveryOutbox.Claim again = outbox.claimDue(retryAt, 10, Set.of(), LEASE).getFirst();
        assertThat(again.delivery().attemptCount()).isEqualTo(1);
        assertThat(again.delivery().attempts()).extracting(DeliveryOutbox.Attempt::statusCode).containsExactly(503);
        assertThat(again.delivery().firstAttemptAt()).isEqualTo(now);
    }

    @Test
    void aDeliveryFailingForADayKeepsABoundedDocumentWithItsFullCount() {
        DeliveryOutbox.Claim claim = outbox.enqueue(List.of(delivery("h1")), List.of(), now, claimAll()).getFirst();
        Instant at = now;
        for (int i = 0; i < DeliveryOutbox.KEPT_ATTEMPTS + 5; i++) {
            outbox.record(List.of(retried(claim, at.plusSeconds(1))));
            at = at.plusSeconds(1);
            claim = outbox.claimDue(at, 1, Set.of(), LEASE).getFirst();
        }

        assertThat(claim.delivery().attemptCount()).isEqualTo(DeliveryOutbox.KEPT_ATTEMPTS + 5);
        assertThat(claim.delivery().attempts()).hasSize(DeliveryOutbox.KEPT_ATTEMPTS);
    }

    @Test
    void aDeliveryWhoseHistoryWasWrittenBeforeACrashIsRemovedByTheNextPollNotSentAgain() {
        DeliveryOutbox.Claim claim = outbox.enqueue(List.of(delivery("i1")), List.of(), now, claimAll()).getFirst();
        // The worker wrote the history and died before removing the pending document.
        mongo.getCollection(DeliveryOutbox.HISTORY).insertOne(new Document("_id", "i1").append("subscriptionId", "subscription-1")
                .append("status", DeliveryStatus.DELIVERED.name()).append("createdAt", Date.from(now)));

        assertThat(outbox.claimDue(claim.until(), 10, Set.of(), LEASE)).isEmpty();
        assertThat(outbox.countPending()).isZero();
    }

    @Test
    void releasedClaimsAreDueAtOnceForAnyWorker() {
        List<DeliveryOutbox.Claim> claims = outbox.enqueue(List.of(delivery("j1")), List.of(), now, claimAll());

        outbox.release(claims);

        assertThat(outbox.claimDue(now, 10, Set.of(), LEASE)).extracting(DeliveryOutbox.Claim::alertId).containsExactly("j1");
    }

    @Test
    void recoverQueuesFailedDeliveriesSinceATimeOnceEachOldestFirst() {
        for (String id : List.of("r1", "r2", "r3")) {
            Instant created = now.plusSeconds(Integer.parseInt(id.substring(1)));
            DeliveryOutbox.Claim claim = outbox.enqueue(List.of(delivery(id)), List.of(), created, claimAll()).getFirst();
            outbox.record(List.of(new DeliveryOutbox.Attempted(claim, AttemptOutcome.permanent(created, Duration.ofMillis(5), 410,
                    "The receiver answered 410 Gone"), DeliveryStatus.FAILED, null, created)));
        }
        Instant later = now.plusSeconds(60);

        assertThat(outbox.recover("subscription-1", now.plusSeconds(2))).isEqualTo(2);
        assertThat(outbox.recover("subscription-1", now.plusSeconds(2))).isZero();
        assertThat(outbox.recover("subscription-1", now)).isEqualTo(1);
        assertThat(outbox.claimDue(later, 10, Set.of(), LEASE)).extracting(DeliveryOutbox.Claim::alertId).containsExactly("r1", "r2", "r3");
        assertThat(outbox.ofSubscription("subscription-1", 10)).extracting(DeliveryOutbox.Delivery::alertId, DeliveryOutbox.Delivery::status,
                DeliveryOutbox.Delivery::attemptCount).containsExactly(tuple("r3", DeliveryStatus.PENDING, 1),
                tuple("r2", DeliveryStatus.PENDING, 1), tuple("r1", DeliveryStatus.PENDING, 1));
    }

    @Test
    void concurrentRecoversQueueEachFailedDeliveryOnce() {
        for (int i = 0; i < 20; i++) {
            DeliveryOutbox.Claim claim = outbox.enqueue(List.of(delivery("s" + i)), List.of(), now, claimAll()).getFirst();
            outbox.record(List.of(new DeliveryOutbox.Attempted(claim, AttemptOutcome.permanent(now, Duration.ofMillis(5), 410, "Gone"),
                    DeliveryStatus.FAILED, null, now)));
        }

        List<CompletableFuture<Integer>> recovers = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> outbox.recover("subscription-1", now))).toList();

        assertThat(recovers.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(20);
        assertThat(outbox.countPending()).isEqualTo(20);
    }

    @Test
    void deliveriesLeftInTheFormerQueueAreAdoptedOnStartAndNoneIsLost() {
        MongoTemplate upgraded = new MongoTemplate(CLIENT, "outbox-upgrade-" + System.nanoTime());
        upgraded.getCollection(DeliveryOutbox.HISTORY).insertOne(new Document("_id", "k1").append("subscriptionId", "subscription-1")
                .append("channel", "webhook").append("body", "{}").append("status", "PENDING").append("attempts", List.of())
                .append("createdAt", Date.from(now)));
        upgraded.getCollection(DeliveryOutbox.FORMER_QUEUE).insertOne(new Document("_id", "k1").append("endpoint", HEALTHY)
                .append("nextAttemptAt", Date.from(now)).append("leaseUntil", new Date(0)).append("version", 3L));

        DeliveryOutbox adopted = new DeliveryOutbox(upgraded);

        assertThat(adopted.claimDue(now, 10, Set.of(), LEASE)).extracting(DeliveryOutbox.Claim::alertId, DeliveryOutbox.Claim::endpoint)
                .containsExactly(tuple("k1", HEALTHY));
        assertThat(upgraded.collectionExists(DeliveryOutbox.FORMER_QUEUE)).isFalse();
    }

    @Test
    void deliveriesToABlockedEndpointAreParkedOutOfThePollsAndMovedOldestFirstOnce() {
        DeliveryOutbox.ClaimOnInsert parkTheDead = new DeliveryOutbox.ClaimOnInsert(now.plus(LEASE), HEALTHY::equals, true);
        List<DeliveryOutbox.Claim> claimed = new java.util.ArrayList<>();
        DeliveryOutbox.Queued first = outbox.enqueue(List.of(delivery("p1"), toDead("p2")), List.of(), now, parkTheDead, claimed::addAll);
        outbox.enqueue(List.of(toDead("p3"), toDead("p4")), List.of(), now.plusSeconds(1), parkTheDead, claimed::addAll);

        assertThat(claimed).extracting(DeliveryOutbox.Claim::alertId).containsExactly("p1");
        assertThat(first.parkedEndpoints()).containsExactly(DEAD);
        assertThat(outbox.countParked()).isEqualTo(3);
        assertThat(outbox.countPending()).as("parked deliveries are still pending").isEqualTo(4);
        assertThat(outbox.parkedEndpoints()).containsExactly(DEAD);
        assertThat(outbox.claimDue(now.plus(LEASE).plus(LEASE), 10, Set.of(), LEASE)).as("polls never see parked deliveries")
                .extracting(DeliveryOutbox.Claim::alertId).containsExactly("p1");

        Instant later = now.plusSeconds(5);
        assertThat(outbox.unpark(DEAD, 2, later, later.plus(LEASE))).extracting(DeliveryOutbox.Claim::alertId).containsExactly("p2", "p3");
        assertThat(outbox.unpark(DEAD, 2, later, later.plus(LEASE))).extracting(DeliveryOutbox.Claim::alertId).containsExactly("p4");
        assertThat(outbox.unpark(DEAD, 2, later, later.plus(LEASE))).isEmpty();
        assertThat(outbox.countParked()).isZero();
        assertThat(outbox.parkedEndpoints()).isEmpty();
        assertThat(outbox.claimDue(later, 10, Set.of(), LEASE)).as("moved claimed by whoever moved them").isEmpty();
    }

    @Test
    void aRepeatedEventDoesNotQueueAParkedDeliveryAgain() {
        DeliveryOutbox.ClaimOnInsert parkAll = new DeliveryOutbox.ClaimOnInsert(now.plus(LEASE), endpoint -> false, true);
        outbox.enqueue(List.of(toDead("q1")), List.of(), now, parkAll, claims -> { });

        DeliveryOutbox.Queued repeat = outbox.enqueue(List.of(), List.of(toDead("q1")), now, parkAll, claims -> { });

        assertThat(repeat.parkedEndpoints()).isEmpty();
        assertThat(outbox.countPending()).isEqualTo(1);
        assertThat(outbox.ofSubscription("subscription-2", 10)).extracting(DeliveryOutbox.Delivery::alertId, DeliveryOutbox.Delivery::status)
                .containsExactly(tuple("q1", DeliveryStatus.PENDING));
    }

    @Test
    void aMoveThatStoppedBetweenItsInsertAndItsRemovalIsNotSentTwice() {
        DeliveryOutbox.ClaimOnInsert parkAll = new DeliveryOutbox.ClaimOnInsert(now.plus(LEASE), endpoint -> false, true);
        outbox.enqueue(List.of(toDead("r1"), toDead("r2")), List.of(), now, parkAll, claims -> { });
        // Both were moved; r1 was delivered since, r2 is still pending; neither removal from the parked ones happened.
        List<DeliveryOutbox.Claim> moved = outbox.unpark(DEAD, 2, now, now.plus(LEASE));
        assertThat(moved).extracting(DeliveryOutbox.Claim::alertId).containsExactlyInAnyOrder("r1", "r2");
        outbox.record(List.of(delivered(moved.stream().filter(c -> c.alertId().equals("r1")).findFirst().orElseThrow())));
        for (String id : List.of("r1", "r2")) {
            mongo.getCollection(DeliveryOutbox.PARKED).insertOne(new Document("_id", id).append("subscriptionId", "subscription-2")
                    .append("endpoint", DEAD).append("createdAt", Date.from(now)));
        }

        assertThat(outbox.unpark(DEAD, 5, now, now.plus(LEASE))).isEmpty();
        assertThat(outbox.countParked()).isZero();
    }

    @Test
    void endingASubscriptionsPendingDeliveriesEndsItsParkedOnesToo() {
        DeliveryOutbox.ClaimOnInsert parkAll = new DeliveryOutbox.ClaimOnInsert(now.plus(LEASE), endpoint -> false, true);
        outbox.enqueue(List.of(toDead("t1"), toDead("t2")), List.of(), now, parkAll, claims -> { });

        assertThat(outbox.endPending("subscription-2", DeliveryStatus.FAILED, "Delivery disabled", now)).isEqualTo(2);

        assertThat(outbox.countPending()).isZero();
        assertThat(outbox.ofSubscription("subscription-2", 10)).extracting(DeliveryOutbox.Delivery::status)
                .containsOnly(DeliveryStatus.FAILED);
    }

    private static DeliveryOutbox.NewDelivery toDead(String alertId) {
        return new DeliveryOutbox.NewDelivery(alertId, "subscription-2", "webhook", "{\"alert\":\"" + alertId + "\"}", DEAD);
    }

    private DeliveryOutbox.ClaimOnInsert claimAll() {
        return OutboxFixtures.claimAll(now);
    }

    private DeliveryOutbox.Attempted delivered(DeliveryOutbox.Claim claim) {
        return OutboxFixtures.delivered(claim, now);
    }

    private DeliveryOutbox.Attempted retried(DeliveryOutbox.Claim claim, Instant retryAt) {
        return OutboxFixtures.retried(claim, now, retryAt);
    }
}

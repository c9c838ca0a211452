package io.steppewire.notify.delivery.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.delivery.DeliveryStatus;
import io.steppewire.notify.support.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Claims and records by queue entry version: no delivery is attempted by two workers, and a stale claim records nothing. */
class DeliveryOutboxClaimTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final DeliveryOutbox outbox = new DeliveryOutbox(new MongoTemplate(CLIENT, "outbox-" + System.nanoTime()));
    private final Instant now = Instant.parse("2026-03-14T09:00:00Z");

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void aHandedOffDeliveryIsClaimedByOneWorkerOnly() {
        List<DeliveryOutbox.Candidate> created = outbox.enqueueAll(List.of(delivery("a1"), delivery("a2")), now);
        assertThat(created).extracting(DeliveryOutbox.Candidate::alertId).containsExactly("a1", "a2");

        List<DeliveryOutbox.Claimed> first = outbox.claim(created, "worker-1", now, LEASE);
        List<DeliveryOutbox.Claimed> second = outbox.claim(created, "worker-2", now, LEASE);

        assertThat(first).extracting(c -> c.delivery().alertId()).containsExactlyInAnyOrder("a1", "a2");
        assertThat(second).isEmpty();
        assertThat(outbox.findDue(now, 10)).isEmpty();
    }

    @Test
    void aRepeatedEventCreatesNoSecondDeliveryAndAnEntrySeenTwiceIsAttemptedOnce() {
        List<DeliveryOutbox.Candidate> created = outbox.enqueueAll(List.of(delivery("b1")), now);
        assertThat(outbox.enqueueAll(List.of(delivery("b1")), now)).isEmpty();

        List<DeliveryOutbox.Candidate> polled = outbox.findDue(now, 10);
        List<DeliveryOutbox.Claimed> claimed = outbox.claim(List.of(created.getFirst(), polled.getFirst()), "worker-1", now, LEASE);

        assertThat(claimed).hasSize(1);
        assertThat(claimed.getFirst().delivery().body()).isEqualTo("{\"alert\":\"b1\"}");
    }

    @Test
    void aClaimWhoseLeaseWasTakenOverRecordsNothing() {
        outbox.enqueueAll(List.of(delivery("c1")), now);
        DeliveryOutbox.Claimed stale = outbox.claim(outbox.findDue(now, 10), "worker-1", now, LEASE).getFirst();

        Instant afterLease = now.plus(LEASE).plusSeconds(1);
        List<DeliveryOutbox.Candidate> expired = outbox.findDue(afterLease, 10);
        DeliveryOutbox.Claimed current = outbox.claim(expired, "worker-2", afterLease, LEASE).getFirst();

        AttemptOutcome delivered = AttemptOutcome.success(afterLease, Duration.ofMillis(3), 204);
        assertThat(outbox.recordAttempt(stale, delivered, DeliveryStatus.DELIVERED, null)).isFalse();
        assertThat(outbox.recordAttempt(current, delivered, DeliveryStatus.DELIVERED, null)).isTrue();
        assertThat(outbox.countPending()).isZero();
    }

    @Test
    void aRetriedDeliveryIsDueAgainAtItsNextAttemptWithTheHistoryKept() {
        outbox.enqueueAll(List.of(delivery("d1")), now);
        DeliveryOutbox.Claimed claim = outbox.claim(outbox.findDue(now, 10), "worker-1", now, LEASE).getFirst();
        Instant retryAt = now.plusSeconds(60);

        assertThat(outbox.recordAttempt(claim, AttemptOutcome.retryable(now, Duration.ofMillis(5), 503, "The receiver answered HTTP 503"),
                DeliveryStatus.PENDING, retryAt)).isTrue();
        // The claim's version is spent: it cannot record a second time.
        assertThat(outbox.recordAttempt(claim, AttemptOutcome.success(now, Duration.ofMillis(5), 204), DeliveryStatus.DELIVERED, null)).isFalse();

        assertThat(outbox.findDue(now.plusSeconds(59), 10)).isEmpty();
        DeliveryOutbox.Claimed again = outbox.claim(outbox.findDue(retryAt, 10), "worker-2", retryAt, LEASE).getFirst();
        assertThat(again.delivery().attempts()).hasSize(1);
        assertThat(again.delivery().attempts().getFirst().statusCode()).isEqualTo(503);
    }

    @Test
    void attemptsRecordedTogetherLeaveOutOnlyTheOneWhoseClaimWasLost() {
        outbox.enqueueAll(List.of(delivery("e1"), delivery("e2"), delivery("e3")), now);
        List<DeliveryOutbox.Claimed> claims = outbox.claim(outbox.findDue(now, 10), "worker-1", now, LEASE);
        DeliveryOutbox.Claimed lost = claims.stream().filter(c -> c.delivery().alertId().equals("e2")).findFirst().orElseThrow();
        Instant afterLease = now.plus(LEASE).plusSeconds(1);
        // e2's lease expired and another worker took it over; the others were released for a retry meanwhile.
        outbox.claim(outbox.findDue(afterLease, 10).stream().filter(c -> c.alertId().equals("e2")).toList(), "worker-2", afterLease, LEASE);

        AttemptOutcome delivered = AttemptOutcome.success(afterLease, Duration.ofMillis(2), 204);
        Instant retryAt = afterLease.plusSeconds(10);
        var recorded = outbox.recordAttempts(claims.stream().map(c -> c == lost || c.delivery().alertId().equals("e1")
                ? new DeliveryOutbox.Attempted(c, delivered, DeliveryStatus.DELIVERED, null)
                : new DeliveryOutbox.Attempted(c, AttemptOutcome.retryable(afterLease, Duration.ofMillis(2), 503, "HTTP 503"),
                        DeliveryStatus.PENDING, retryAt)).toList());

        assertThat(recorded).containsExactlyInAnyOrder("e1", "e3");
        assertThat(outbox.ofSubscription("subscription-1", 10)).extracting(DeliveryOutbox.Delivery::alertId, DeliveryOutbox.Delivery::status)
                .containsExactlyInAnyOrder(tuple("e1", DeliveryStatus.DELIVERED),
                        tuple("e2", DeliveryStatus.PENDING),
                        tuple("e3", DeliveryStatus.PENDING));
        assertThat(outbox.findDue(retryAt, 10)).extracting(DeliveryOutbox.Candidate::alertId).containsExactly("e3");
    }

    @Test
    void aDeliveryQueuedUnderAWorkersLeaseIsThatWorkersWithoutAClaimAndHiddenFromOtherWorkersPolls() {
        DeliveryOutbox.Lease lease = new DeliveryOutbox.Lease("worker-1", now.plus(LEASE));
        List<DeliveryOutbox.Candidate> created = outbox.enqueueAll(List.of(delivery("f1")), now, lease);
        assertThat(created).extracting(DeliveryOutbox.Candidate::lease).containsExactly(lease);

        assertThat(outbox.findDue(now.plus(LEASE).minusSeconds(1), 10)).isEmpty();
        DeliveryOutbox.Claimed claimed = outbox.claim(created, "worker-1", now, LEASE, Duration.ofSeconds(15)).getFirst();
        // The version written with the entry: no claim was written.
        assertThat(claimed.leaseVersion()).isEqualTo(1L);

        assertThat(outbox.recordAttempt(claimed, AttemptOutcome.success(now, Duration.ofMillis(3), 204), DeliveryStatus.DELIVERED, null)).isTrue();
        assertThat(outbox.countPending()).isZero();
        assertThat(outbox.ofSubscription("subscription-1", 10)).extracting(DeliveryOutbox.Delivery::status).containsExactly(DeliveryStatus.DELIVERED);
    }

    @Test
    void aHandedOffLeaseTooShortForAnAttemptIsClaimedAgainAndAnUnattemptedOneIsReleased() {
        DeliveryOutbox.Lease lease = new DeliveryOutbox.Lease("worker-1", now.plus(LEASE));
        List<DeliveryOutbox.Candidate> created = outbox.enqueueAll(List.of(delivery("g1"), delivery("g2")), now, lease);

        Instant later = now.plus(LEASE).minusSeconds(5);
        DeliveryOutbox.Claimed reclaimed = outbox.claim(created.subList(0, 1), "worker-1", later, LEASE, Duration.ofSeconds(15)).getFirst();
        assertThat(reclaimed.leaseVersion()).isEqualTo(2L);

        outbox.releaseUnattempted(created.subList(1, 2));
        assertThat(outbox.findDue(now, 10)).extracting(DeliveryOutbox.Candidate::alertId).containsExactly("g2");
    }

    @Test
    void aRepeatedEventQueuesNoLeasedEntryForADeliveryItDidNotCreate() {
        outbox.enqueueAll(List.of(delivery("h1")), now);

        assertThat(outbox.enqueueAll(List.of(delivery("h1")), now, new DeliveryOutbox.Lease("worker-1", now.plus(LEASE)))).isEmpty();
        assertThat(outbox.findDue(now, 10)).extracting(DeliveryOutbox.Candidate::alertId, DeliveryOutbox.Candidate::version)
                .containsExactly(tuple("h1", 0L));
    }

    @Test
    void aPollLeavesOutTheDeliveriesOfBlockedEndpointsWhichStayDue() {
        outbox.enqueueAll(List.of(new DeliveryOutbox.NewDelivery("h1", "subscription-1", "webhook", "{}", "http://slow.example:80"),
                new DeliveryOutbox.NewDelivery("h2", "subscription-2", "webhook", "{}", "http://healthy.example:80")), now);

        assertThat(outbox.findDue(now, 10, Set.of("http://slow.example:80")))
                .extracting(DeliveryOutbox.Candidate::alertId, DeliveryOutbox.Candidate::endpoint)
                .containsExactly(tuple("h2", "http://healthy.example:80"));
        assertThat(outbox.findDue(now, 10)).extracting(DeliveryOutbox.Candidate::alertId).containsExactlyInAnyOrder("h1", "h2");
    }

    @Test
    void recoverQueuesFailedDeliveriesSinceATimeOnceEachOldestFirst() {
        for (String id : List.of("r1", "r2", "r3")) {
            Instant created = now.plusSeconds(Integer.parseInt(id.substring(1)));
            outbox.enqueueAll(List.of(delivery(id)), created);
            DeliveryOutbox.Claimed claim = outbox.claim(outbox.findDue(created, 10), "worker-1", created, LEASE).getFirst();
            outbox.recordAttempt(claim, AttemptOutcome.permanent(created, Duration.ofMillis(5), 410, "The receiver answered 410 Gone"),
                    DeliveryStatus.FAILED, null);
        }
        Instant later = now.plusSeconds(60);

        assertThat(outbox.recover("subscription-1", now.plusSeconds(2), "http://127.0.0.1:80")).isEqualTo(2);
        assertThat(outbox.findDue(later, 10)).extracting(DeliveryOutbox.Candidate::alertId).containsExactly("r2", "r3");
        // Still pending: a second recover queues nothing again.
        assertThat(outbox.recover("subscription-1", now, "http://127.0.0.1:80")).isEqualTo(1);
        assertThat(outbox.findDue(later, 10)).extracting(DeliveryOutbox.Candidate::alertId).containsExactly("r1", "r2", "r3");
        assertThat(outbox.recover("subscription-1", now, "http://127.0.0.1:80")).isZero();
        assertThat(outbox.ofSubscription("subscription-1", 10)).extracting(DeliveryOutbox.Delivery::status).containsOnly(DeliveryStatus.PENDING);
    }

    private static DeliveryOutbox.NewDelivery delivery(String alertId) {
        return new DeliveryOutbox.NewDelivery(alertId, "subscription-1", "webhook", "{\"alert\":\"" + alertId + "\"}", "http://127.0.0.1:80");
    }
}

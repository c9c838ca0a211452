package io.steppewire.notify.delivery.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.delivery.DeliveryStatus;
import io.steppewire.notify.subscription.Digest;
import io.steppewire.notify.subscription.QuietHours;
import io.steppewire.notify.support.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages of many alerts on the delivery queue: each alert ends in exactly one message, whose id is made of its
 * subscription and slot, and which holds the same alerts on every attempt, on any instance.
 */
class DigestsTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String ENDPOINT = "https://hooks.example.org:443";
    private static final Digest AT_EIGHT_UTC = Digest.daily(LocalTime.of(8, 0), ZoneOffset.UTC);
    private static final Instant EIGHT = Instant.parse("2026-03-14T08:00:00Z");

    private final MongoTemplate mongo = new MongoTemplate(CLIENT, "digests-" + System.nanoTime());
    private final DeliveryOutbox outbox = new DeliveryOutbox(mongo);
    private final Digests digests = new Digests(mongo, outbox, Clock.fixed(EIGHT, ZoneOffset.UTC));
    /** A second instance on the same store. */
    private final Digests otherInstance = new Digests(mongo, new DeliveryOutbox(mongo), Clock.fixed(EIGHT, ZoneOffset.UTC));

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void theDigestAtItsHourHoldsExactlyTheAlertsRaisedSinceTheOneBefore() {
        Digests.Cadence cadence = Digests.Cadence.digest(AT_EIGHT_UTC, null);
        digests.place(List.of(entry("before-yesterday", "2026-03-13T07:59:00Z", cadence), entry("a1", "2026-03-13T08:00:00Z", cadence),
                entry("a2", "2026-03-14T07:59:59Z", cadence), entry("late", "2026-03-14T08:00:00Z", cadence)), Instant.parse("2026-03-14T08:00:01Z"));

        String today = Digests.bundleId(Digests.KIND_DIGEST, "s1", EIGHT, 1);
        assertThat(outbox.claimDue(EIGHT.minusMillis(1), 10, Set.of(), LEASE)).as("before eight, only yesterday's (late) digest is due")
                .extracting(DeliveryOutbox.Claim::alertId).containsExactly(Digests.bundleId(Digests.KIND_DIGEST, "s1", EIGHT.minus(Duration.ofDays(1)), 1));
        assertThat(outbox.claimDue(EIGHT, 10, Set.of(), LEASE)).extracting(DeliveryOutbox.Claim::alertId).containsExactly(today);
        Digests.Sealed sealed = digests.seal(today);
        assertThat(sealed.alertIds()).containsExactlyInAnyOrder("a1", "a2");
        assertThat(sealed.from()).isEqualTo(EIGHT.minus(Duration.ofDays(1)));
        assertThat(sealed.to()).isEqualTo(EIGHT);
        assertThat(digests.ofSubscription("s1").get(Digests.bundleId(Digests.KIND_DIGEST, "s1", EIGHT.plus(Duration.ofDays(1)), 1)))
                .containsExactly("late");
    }

    @Test
    void anAlertArrivingAfterItsDigestWasSealedGoesIntoTheNextOneNeverIntoBoth() {
        Digests.Cadence cadence = Digests.Cadence.digest(AT_EIGHT_UTC, null);
        digests.place(List.of(entry("early", "2026-03-14T06:00:00Z", cadence)), Instant.parse("2026-03-14T06:00:00Z"));
        String today = Digests.bundleId(Digests.KIND_DIGEST, "s1", EIGHT, 1);
        Digests.Sealed sealed = digests.seal(today);

        // Raised before eight, stored only after the digest was sealed (a slow consumer), and placed twice (a repeat).
        otherInstance.place(List.of(entry("slow", "2026-03-14T07:59:59Z", cadence)), Instant.parse("2026-03-14T08:00:02Z"));
        digests.place(List.of(entry("slow", "2026-03-14T07:59:59Z", cadence), entry("early", "2026-03-14T06:00:00Z", cadence)),
                Instant.parse("2026-03-14T08:00:03Z"));

        assertThat(digests.seal(today)).as("sealed for good").isEqualTo(sealed);
        assertThat(digests.ofSubscription("s1")).containsOnlyKeys(today, Digests.bundleId(Digests.KIND_DIGEST, "s1", EIGHT.plus(Duration.ofDays(1)), 1))
                .containsEntry(today, List.of("early"))
                .containsEntry(Digests.bundleId(Digests.KIND_DIGEST, "s1", EIGHT.plus(Duration.ofDays(1)), 1), List.of("slow"));
    }

    @Test
    void twoInstancesSealingAtTheDigestHourSendTheSameAlertsUnderTheSameId() {
        Digests.Cadence cadence = Digests.Cadence.digest(AT_EIGHT_UTC, null);
        digests.place(IntStream.range(0, 30).mapToObj(i -> entry("r" + i, "2026-03-14T07:00:00Z", cadence)).toList(), Instant.parse("2026-03-14T07:00:00Z"));
        String today = Digests.bundleId(Digests.KIND_DIGEST, "s1", EIGHT, 1);
        // Alerts still coming in while both seal.
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> IntStream.range(0, 30).forEach(i ->
                otherInstance.place(List.of(entry("w" + i, "2026-03-14T07:59:5" + (i % 10) + "Z", cadence)), Instant.parse("2026-03-14T08:00:00Z"))));
        CompletableFuture<Digests.Sealed> first = CompletableFuture.supplyAsync(() -> digests.seal(today));
        CompletableFuture<Digests.Sealed> second = CompletableFuture.supplyAsync(() -> otherInstance.seal(today));
        writer.join();

        assertThat(first.join()).isEqualTo(second.join());
        List<String> everywhere = new ArrayList<>();
        digests.ofSubscription("s1").values().forEach(everywhere::addAll);
        assertThat(everywhere).as("every alert in exactly one message").hasSize(60).doesNotHaveDuplicates();
        assertThat(first.join().alertIds()).containsAll(IntStream.range(0, 30).mapToObj(i -> "r" + i).toList());
    }

    @Test
    void aRestartAtTheDigestHourResendsTheSameMessageAndRecordsItOnce() {
        Digests.Cadence cadence = Digests.Cadence.digest(AT_EIGHT_UTC, null);
        digests.place(List.of(entry("x1", "2026-03-14T07:00:00Z", cadence), entry("x2", "2026-03-14T07:30:00Z", cadence)), EIGHT.minusSeconds(60));
        DeliveryOutbox.Claim crashed = outbox.claimDue(EIGHT, 10, Set.of(), LEASE).getFirst();
        Digests.Sealed sent = digests.seal(crashed.alertId());
        // The worker sent it and died before recording: after the lease, the next instance takes the same delivery.
        DeliveryOutbox otherOutbox = new DeliveryOutbox(mongo);
        DeliveryOutbox.Claim retaken = otherOutbox.claimDue(EIGHT.plus(LEASE), 10, Set.of(), LEASE).getFirst();

        assertThat(retaken.alertId()).isEqualTo(crashed.alertId());
        assertThat(otherInstance.seal(retaken.alertId())).isEqualTo(sent);
        otherOutbox.record(List.of(delivered(retaken)));
        assertThat(outbox.record(List.of(delivered(crashed)))).as("the lost claim records nothing").isEqualTo(1);
        assertThat(outbox.ofSubscription("s1", 10)).singleElement().satisfies(d -> {
            assertThat(d.alertId()).isEqualTo(crashed.alertId());
            assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
        });
        // The repeated event of x1 finds it sent and queues nothing.
        digests.place(List.of(entry("x1", "2026-03-14T07:00:00Z", cadence)), EIGHT.plus(LEASE));
        assertThat(outbox.claimDue(EIGHT.plus(LEASE).plus(LEASE), 10, Set.of(), LEASE)).isEmpty();
    }

    @Test
    void moreAlertsThanOneMessageHoldsMakeASecondPartOfTheSameSlot() {
        Digests.Cadence cadence = Digests.Cadence.digest(AT_EIGHT_UTC, null);
        digests.place(IntStream.range(0, Digests.MAX_PER_MESSAGE + 3).mapToObj(i -> entry("m" + i, "2026-03-14T07:00:00Z", cadence)).toList(),
                Instant.parse("2026-03-14T07:00:00Z"));

        assertThat(digests.ofSubscription("s1").get(Digests.bundleId(Digests.KIND_DIGEST, "s1", EIGHT, 1))).hasSize(Digests.MAX_PER_MESSAGE);
        assertThat(digests.ofSubscription("s1").get(Digests.bundleId(Digests.KIND_DIGEST, "s1", EIGHT, 2))).hasSize(3);
        assertThat(outbox.claimDue(EIGHT, 10, Set.of(), LEASE)).hasSize(2);
    }

    @Test
    void aDigestDueInQuietHoursWaitsForTheirEnd() {
        QuietHours quiet = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 30), ZoneOffset.UTC);
        digests.place(List.of(entry("q1", "2026-03-14T23:00:00Z", Digests.Cadence.digest(Digest.daily(LocalTime.of(7, 0), ZoneOffset.UTC), quiet))),
                Instant.parse("2026-03-14T23:00:00Z"));

        assertThat(outbox.claimDue(Instant.parse("2026-03-15T08:29:59Z"), 10, Set.of(), LEASE)).isEmpty();
        assertThat(outbox.claimDue(Instant.parse("2026-03-15T08:30:00Z"), 10, Set.of(), LEASE)).extracting(DeliveryOutbox.Claim::alertId)
                .containsExactly(Digests.bundleId(Digests.KIND_DIGEST, "s1", Instant.parse("2026-03-15T07:00:00Z"), 1));
    }

    @Test
    void anHoursRollUpIsDueWhenTheHourEnds() {
        digests.place(List.of(entry("o1", "2026-03-14T09:15:00Z", Digests.Cadence.rollup(null)),
                entry("o2", "2026-03-14T09:59:59Z", Digests.Cadence.rollup(null))), Instant.parse("2026-03-14T09:59:59Z"));

        List<DeliveryOutbox.Claim> due = outbox.claimDue(Instant.parse("2026-03-14T10:00:00Z"), 10, Set.of(), LEASE);
        assertThat(due).extracting(DeliveryOutbox.Claim::alertId)
                .containsExactly(Digests.bundleId(Digests.KIND_ROLLUP, "s1", Instant.parse("2026-03-14T10:00:00Z"), 1));
        assertThat(digests.seal(due.getFirst().alertId()).alertIds()).containsExactlyInAnyOrder("o1", "o2");
    }

    @Test
    void onlySealedBucketsOfLongAgoAreForgotten() {
        Digests.Cadence cadence = Digests.Cadence.digest(AT_EIGHT_UTC, null);
        digests.place(List.of(entry("old", "2026-01-01T07:00:00Z", cadence), entry("open", "2026-01-02T07:00:00Z", cadence)), EIGHT);
        String old = Digests.bundleId(Digests.KIND_DIGEST, "s1", Instant.parse("2026-01-01T08:00:00Z"), 1);
        digests.seal(old);

        assertThat(digests.forgetSealedBefore(EIGHT.minus(Digests.KEPT_FOR))).isEqualTo(1);
        assertThat(digests.ofSubscription("s1")).containsOnlyKeys(Digests.bundleId(Digests.KIND_DIGEST, "s1", Instant.parse("2026-01-02T08:00:00Z"), 1));
    }

    private static Digests.Entry entry(String alertId, String raisedAt, Digests.Cadence cadence) {
        return new Digests.Entry(alertId, "s1", "webhook", ENDPOINT, Instant.parse(raisedAt), cadence);
    }

    private static DeliveryOutbox.Attempted delivered(DeliveryOutbox.Claim claim) {
        Instant at = claim.until();
        return new DeliveryOutbox.Attempted(claim, AttemptOutcome.success(at, Duration.ofMillis(3), 200), DeliveryStatus.DELIVERED, null, at);
    }
}

package io.steppewire.notify.delivery.outbox;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.steppewire.notify.delivery.AttemptOutcome;
import io.steppewire.notify.delivery.DeliveryStatus;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The outbox of deliveries in MongoDB: one history entry per alert (id = alert id) in
 * {@code deliveries}, and while attempts remain, one entry in the small {@code delivery_queue}, written
 * by matching and worked off by {@link DeliveryWorker}s. A worker claims a due queue entry by setting a
 * lease in one conditional update, so two workers (on one instance or several) never run the same
 * attempt at once; only the lease holder may record the attempt. A crash between releasing the queue
 * entry and writing the history loses that one attempt's record, never the delivery.
 */
@Repository
public class DeliveryOutbox {

    static final String COLLECTION = "deliveries";
    /**
     * Only the deliveries still to be attempted, with their schedule and lease: claims query this small
     * collection, never the growing history in {@link #COLLECTION}.
     */
    static final String QUEUE = "delivery_queue";

    /** One recorded attempt. */
    public record Attempt(Instant at, long durationMillis, @Nullable Integer statusCode, @Nullable String error) {
    }

    /** A delivery with its history. */
    public record Delivery(String alertId, String subscriptionId, String channel, String body, DeliveryStatus status,
                           List<Attempt> attempts, Instant createdAt, @Nullable Instant nextAttemptAt,
                           @Nullable Instant firstAttemptAt, @Nullable Instant completedAt) {
    }

    /**
     * The queue entry's version, raised by every claim and release. Claims and records filter by
     * {@code _id} and version, a unique index, so even a store that scans for any other filter finds the
     * entry directly, and a stale claim or record matches nothing.
     */
    static final String VERSION = "version";
    /** The receiver a queued delivery goes to, for polls that leave out busy or failing endpoints. */
    static final String ENDPOINT = "endpoint";
    /** The write that last released an entry. */
    private static final String RELEASE = "releasedBy";
    /** Due and leased "never": a finished entry waiting for its removal once the history is written. */
    private static final Date NEVER = Date.from(Instant.parse("9999-12-31T00:00:00Z"));
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;

    public DeliveryOutbox(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(QUEUE).createIndex(new Index("nextAttemptAt", Sort.Direction.ASC));
        mongo.indexOps(QUEUE).createIndex(new Index("_id", Sort.Direction.ASC).on(VERSION, Sort.Direction.ASC).unique());
        mongo.indexOps(COLLECTION).createIndex(new Index("subscriptionId", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
    }

    /**
     * A delivery to add: due at once, unless its alert already has one.
     *
     * @param endpoint the receiver it goes to ({@link io.steppewire.notify.delivery.DeliveryEndpoint}), kept on the
     *                 queue entry so that a poll can leave out the deliveries of endpoints that are busy or failing
     */
    public record NewDelivery(String alertId, String subscriptionId, String channel, String body, @Nullable String endpoint) {
    }

    /**
     * A delivery reserved for one worker. {@code leaseVersion} is the queue entry's version the claim
     * wrote: only while the entry still has it may the worker record the attempt.
     */
    public record Claimed(Delivery delivery, long leaseVersion) {
    }

    /** A lease written with a new queue entry: the worker {@code owner} holds it until {@code until}. */
    public record Lease(String owner, Instant until) {
    }

    /** Adds a delivery due at once, unless the alert already has one. */
    public void enqueue(String alertId, String subscriptionId, String channel, String body, @Nullable String endpoint, Instant now) {
        enqueueAll(List.of(new NewDelivery(alertId, subscriptionId, channel, body, endpoint)), now);
    }

    /**
     * Adds deliveries due at once, unless their alerts already have one, with one bulk write per
     * collection. Returns the deliveries this call created as candidates to {@link #claim}: their queue
     * entries are untouched (version 0) until a worker claims them.
     */
    public List<Candidate> enqueueAll(List<NewDelivery> deliveries, Instant now) {
        return enqueueAll(deliveries, now, null);
    }

    /**
     * As {@link #enqueueAll(List, Instant)}, but the queue entries this call creates are written already
     * claimed under {@code lease} (version 1), when one is given: the worker that will attempt them at
     * once saves the claim's write. An entry that already existed is returned unleased, as before.
     */
    public List<Candidate> enqueueAll(List<NewDelivery> deliveries, Instant now, @Nullable Lease lease) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        List<UpdateOneModel<Document>> histories = new ArrayList<>(deliveries.size());
        for (NewDelivery d : deliveries) {
            Document onInsert = new Document("subscriptionId", d.subscriptionId())
                    .append("channel", d.channel())
                    .append("body", d.body())
                    .append("status", DeliveryStatus.PENDING.name())
                    .append("attempts", List.of())
                    .append("createdAt", Date.from(now))
                    .append("nextAttemptAt", Date.from(now));
            histories.add(new UpdateOneModel<>(new Document("_id", d.alertId()), new Document("$setOnInsert", onInsert),
                    new UpdateOptions().upsert(true)));
        }
        Set<Integer> createdAt = new HashSet<>();
        mongo.getCollection(COLLECTION).bulkWrite(histories, UNORDERED).getUpserts().forEach(u -> createdAt.add(u.getIndex()));
        List<Delivery> created = new ArrayList<>(createdAt.size());
        List<String> toQueue = new ArrayList<>(deliveries.size());
        List<Object> repeated = new ArrayList<>();
        Map<String, String> endpoints = new HashMap<>();
        for (int i = 0; i < deliveries.size(); i++) {
            NewDelivery d = deliveries.get(i);
            if (d.endpoint() != null) {
                endpoints.put(d.alertId(), d.endpoint());
            }
            if (createdAt.contains(i)) {
                created.add(new Delivery(d.alertId(), d.subscriptionId(), d.channel(), d.body(),
                        DeliveryStatus.PENDING, List.of(), now, now, null, null));
                toQueue.add(d.alertId());
            } else {
                repeated.add(d.alertId());
            }
        }
        if (!repeated.isEmpty()) {
            // Repeats of an event: queue again only deliveries still pending (a queue entry may have been lost to a
            // crash right after the history was written), never ones already finished.
            mongo.getCollection(COLLECTION).find(new Document("_id", new Document("$in", repeated)))
                    .projection(new Document("status", 1))
                    .forEach(d -> {
                        if (DeliveryStatus.PENDING.name().equals(d.getString("status"))) {
                            toQueue.add(d.getString("_id"));
                        }
                    });
        }
        Set<String> leased = new HashSet<>();
        if (!toQueue.isEmpty()) {
            // After the history entries, so a queued delivery always has one; insert-if-absent.
            List<UpdateOneModel<Document>> entries = new ArrayList<>(toQueue.size());
            for (int i = 0; i < toQueue.size(); i++) {
                Document entry = new Document("nextAttemptAt", Date.from(now));
                String endpoint = endpoints.get(toQueue.get(i));
                if (endpoint != null) {
                    entry.append(ENDPOINT, endpoint);
                }
                // Only the entries of deliveries created here (the first ones in toQueue) are leased on insert.
                if (lease != null && i < created.size()) {
                    entry.append("leaseUntil", Date.from(lease.until())).append("leaseOwner", lease.owner()).append(VERSION, 1L);
                } else {
                    entry.append("leaseUntil", new Date(0)).append(VERSION, 0L);
                }
                entries.add(new UpdateOneModel<>(new Document("_id", toQueue.get(i)), new Document("$setOnInsert", entry),
                        new UpdateOptions().upsert(true)));
            }
            BulkWriteResult queued = mongo.getCollection(QUEUE).bulkWrite(entries, UNORDERED);
            if (lease != null) {
                queued.getUpserts().stream().filter(u -> u.getIndex() < created.size()).forEach(u -> leased.add(toQueue.get(u.getIndex())));
            }
        }
        List<Candidate> candidates = new ArrayList<>(created.size());
        for (Delivery d : created) {
            String endpoint = endpoints.get(d.alertId());
            candidates.add(leased.contains(d.alertId()) ? new Candidate(d.alertId(), 1L, d, lease, endpoint)
                    : new Candidate(d.alertId(), 0L, d, null, endpoint));
        }
        return candidates;
    }

    /**
     * Makes handed-off entries that were leased on insert but will not be attempted under that lease
     * (the worker stopped) due again at once, instead of after the lease. One bulk write.
     */
    public void releaseUnattempted(List<Candidate> candidates) {
        List<UpdateOneModel<Document>> releases = candidates.stream().filter(c -> c.lease() != null)
                .map(c -> new UpdateOneModel<Document>(new Document("_id", c.alertId()).append(VERSION, c.version()),
                        new Document("$set", new Document("leaseUntil", new Date(0))).append("$inc", new Document(VERSION, 1L))))
                .toList();
        if (!releases.isEmpty()) {
            mongo.getCollection(QUEUE).bulkWrite(releases, UNORDERED);
        }
    }

    /**
     * A queue entry a worker may claim: its id, the version it was seen at (null for an entry queued
     * before entries had versions), when the worker already knows it, the delivery itself, the lease
     * it was queued under, if any, and the endpoint it goes to (null for an entry queued before entries had one).
     */
    public record Candidate(String alertId, @Nullable Long version, @Nullable Delivery delivery, @Nullable Lease lease,
                            @Nullable String endpoint) {
    }

    /**
     * Up to {@code max} of the most overdue pending deliveries that no worker holds, with the versions
     * they were seen at. Nothing is reserved: a worker {@link #claim claims} them when it has slots
     * free, and one that another worker took meanwhile is skipped then. One query serves many claims.
     */
    public List<Candidate> findDue(Instant now, int max) {
        return findDue(now, max, Set.of());
    }

    /**
     * As {@link #findDue(Instant, int)}, leaving out the deliveries to {@code skippedEndpoints} (busy or failing
     * ones): they stay due in the queue, untouched, until their endpoint can take them.
     */
    public List<Candidate> findDue(Instant now, int max, Set<String> skippedEndpoints) {
        Document due = new Document("nextAttemptAt", new Document("$lte", Date.from(now)))
                .append("leaseUntil", new Document("$lte", Date.from(now)));
        if (!skippedEndpoints.isEmpty()) {
            due.append(ENDPOINT, new Document("$nin", new ArrayList<>(skippedEndpoints)));
        }
        List<Candidate> candidates = new ArrayList<>();
        mongo.getCollection(QUEUE).find(due).projection(new Document("_id", 1).append(VERSION, 1).append(ENDPOINT, 1))
                .sort(Sorts.ascending("nextAttemptAt")).limit(max)
                .forEach(d -> candidates.add(new Candidate(d.getString("_id"), version(d), null, null, d.getString(ENDPOINT))));
        return candidates;
    }

    /**
     * Reserves the candidates for {@code worker} until {@code now + lease}: one bulk write claims each by
     * id and the version it was seen at, so a delivery another worker claimed (or recorded) meanwhile is
     * skipped, never shared. The histories the candidates do not carry are read in one query.
     */
    public List<Claimed> claim(List<Candidate> candidates, String worker, Instant now, Duration lease) {
        return claim(candidates, worker, now, lease, lease);
    }

    /**
     * As {@link #claim(List, String, Instant, Duration)}, except that a candidate queued under a lease
     * of {@code worker} that lasts longer than {@code attemptLimit} from now is already claimed and
     * costs no write; one whose lease is shorter is claimed again by its version.
     */
    public List<Claimed> claim(List<Candidate> candidates, String worker, Instant now, Duration lease, Duration attemptLimit) {
        Map<String, @Nullable Long> versions = new LinkedHashMap<>();
        Map<String, Long> claimed = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            Lease held = c.lease();
            if (held != null && held.owner().equals(worker) && held.until().isAfter(now.plus(attemptLimit)) && c.version() != null
                    && c.delivery() != null) {
                claimed.put(c.alertId(), c.version());
            } else {
                versions.put(c.alertId(), c.version());
            }
        }
        claimed.putAll(claimAt(versions, worker, now, lease));
        if (claimed.isEmpty()) {
            return List.of();
        }
        List<Claimed> deliveries = new ArrayList<>(claimed.size());
        List<String> unknown = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Candidate candidate : candidates) {
            Long version = claimed.get(candidate.alertId());
            Delivery known = candidate.delivery();
            if (version == null || !taken.add(candidate.alertId())) {
                // Not ours, or the same entry seen twice (handed off and polled): one attempt only.
                continue;
            }
            if (known != null) {
                deliveries.add(new Claimed(known, version));
            } else {
                unknown.add(candidate.alertId());
            }
        }
        if (!unknown.isEmpty()) {
            mongo.getCollection(COLLECTION).find(new Document("_id", new Document("$in", unknown)))
                    .forEach(d -> deliveries.add(new Claimed(toDelivery(d), claimed.get(d.getString("_id")))));
        }
        return deliveries;
    }

    /**
     * Claims queue entries that still have the given versions, in one bulk write. The filter is by
     * {@code _id} and version only (a unique index), so the store finds each entry directly; an entry
     * whose version is unchanged is still as it was read, due and not leased. Returns the claimed ids with
     * their new versions. A null version stands for an entry queued before entries had versions; the
     * claim gives it one.
     */
    private Map<String, Long> claimAt(Map<String, @Nullable Long> versions, String worker, Instant now, Duration lease) {
        if (versions.isEmpty()) {
            return Map.of();
        }
        List<UpdateOneModel<Document>> claims = new ArrayList<>(versions.size());
        Document claim = new Document("$set", new Document("leaseUntil", Date.from(now.plus(lease))).append("leaseOwner", worker))
                .append("$inc", new Document(VERSION, 1L));
        versions.forEach((id, version) -> claims.add(new UpdateOneModel<>(new Document("_id", id).append(VERSION, version), claim)));
        BulkWriteResult result = mongo.getCollection(QUEUE).bulkWrite(claims, UNORDERED);
        Map<String, Long> nextVersions = new LinkedHashMap<>();
        versions.forEach((id, version) -> nextVersions.put(id, next(version)));
        if (result.getMatchedCount() == versions.size()) {
            return nextVersions;
        }
        // Some were taken by another worker meanwhile: ours are those now at the next version under our name.
        Set<String> ours = atVersionsMarked(nextVersions, "leaseOwner", worker);
        nextVersions.keySet().retainAll(ours);
        return nextVersions;
    }

    /** An attempt to record, and what follows it. */
    public record Attempted(Claimed claim, AttemptOutcome outcome, DeliveryStatus status, @Nullable Instant nextAttemptAt) {

        String alertId() {
            return claim.delivery().alertId();
        }

        boolean releasesForRetry() {
            return status == DeliveryStatus.PENDING && nextAttemptAt != null;
        }
    }

    /**
     * Records an attempt and what follows it: delivered, failed, cancelled, or pending again at
     * {@code nextAttemptAt}. Only the holder of the claim may record; false when it lost it.
     */
    public boolean recordAttempt(Claimed claim, AttemptOutcome outcome, DeliveryStatus status, @Nullable Instant nextAttemptAt) {
        return recordAttempts(List.of(new Attempted(claim, outcome, status, nextAttemptAt))).contains(claim.delivery().alertId());
    }

    /**
     * Records attempts with one bulk write per collection and returns the ids of those recorded. The queue
     * entry proves the lease: only while it has the claim's version may the claimant release it, and only
     * then record; an attempt whose claim was lost is left out.
     */
    public Set<String> recordAttempts(List<Attempted> attempts) {
        if (attempts.isEmpty()) {
            return Set.of();
        }
        List<WriteModel<Document>> releases = new ArrayList<>(attempts.size());
        // Names this write on the entries it releases, so a re-read tells them from ones released earlier.
        String release = UUID.randomUUID().toString();
        for (Attempted a : attempts) {
            // A finished entry is kept, never due, until the history says how it ended: a repeated event that arrives
            // in between finds the entry (its insert-if-absent does nothing) instead of queueing the delivery again.
            Date nextAttemptAt = a.releasesForRetry() ? Date.from(requireNext(a)) : NEVER;
            Date leaseUntil = a.releasesForRetry() ? new Date(0) : NEVER;
            releases.add(new UpdateOneModel<>(leaseOf(a.claim()), new Document("$set", new Document("nextAttemptAt", nextAttemptAt)
                    .append("leaseUntil", leaseUntil).append(RELEASE, release)).append("$inc", new Document(VERSION, 1L))));
        }
        BulkWriteResult released = mongo.getCollection(QUEUE).bulkWrite(releases, UNORDERED);
        Set<String> mine = released.getModifiedCount() == attempts.size()
                ? attempts.stream().map(Attempted::alertId).collect(Collectors.toSet())
                : stillMine(attempts, release);
        List<UpdateOneModel<Document>> histories = new ArrayList<>(mine.size());
        for (Attempted a : attempts) {
            if (!mine.contains(a.alertId())) {
                continue;
            }
            Document attempt = new Document("at", Date.from(a.outcome().at()))
                    .append("durationMillis", a.outcome().duration().toMillis())
                    .append("statusCode", a.outcome().statusCode())
                    .append("error", a.outcome().error());
            Document set = new Document("status", a.status().name());
            if (a.nextAttemptAt() != null) {
                set.append("nextAttemptAt", Date.from(a.nextAttemptAt()));
            }
            if (a.status() != DeliveryStatus.PENDING) {
                set.append("completedAt", Date.from(a.outcome().at()));
            }
            histories.add(new UpdateOneModel<>(new Document("_id", a.alertId()), new Document("$push", new Document("attempts", attempt))
                    .append("$set", set)
                    .append("$min", new Document("firstAttemptAt", Date.from(a.outcome().at())))));
        }
        if (!histories.isEmpty()) {
            mongo.getCollection(COLLECTION).bulkWrite(histories, UNORDERED);
        }
        List<DeleteOneModel<Document>> finished = attempts.stream()
                .filter(a -> !a.releasesForRetry() && mine.contains(a.alertId()))
                .map(a -> new DeleteOneModel<Document>(new Document("_id", a.alertId()).append(VERSION, a.claim().leaseVersion() + 1)))
                .toList();
        if (!finished.isEmpty()) {
            mongo.getCollection(QUEUE).bulkWrite(finished, UNORDERED);
        }
        return mine;
    }

    /**
     * Which releases of a bulk write applied, when not all did (a lease taken over by another worker, or
     * a claim already spent): an entry this write released has the next version and the write's name.
     */
    private Set<String> stillMine(List<Attempted> attempts, String release) {
        Map<String, Long> nextVersions = new HashMap<>();
        attempts.forEach(a -> nextVersions.put(a.alertId(), a.claim().leaseVersion() + 1));
        return atVersionsMarked(nextVersions, RELEASE, release);
    }

    /** The queue entries that now have the expected version and carry {@code mark} in {@code field}: one query. */
    private Set<String> atVersionsMarked(Map<String, Long> expectedVersions, String field, String mark) {
        Set<String> found = new HashSet<>();
        mongo.getCollection(QUEUE).find(new Document("_id", new Document("$in", new ArrayList<>(expectedVersions.keySet()))))
                .forEach(d -> {
                    String id = d.getString("_id");
                    Long version = version(d);
                    if (version != null && version.equals(expectedVersions.get(id)) && mark.equals(d.getString(field))) {
                        found.add(id);
                    }
                });
        return found;
    }

    private static Instant requireNext(Attempted a) {
        return Objects.requireNonNull(a.nextAttemptAt());
    }

    /** Ends a delivery without an attempt, e.g. because its subscription was deleted. */
    public void cancel(Claimed claim, Instant now) {
        if (mongo.getCollection(QUEUE).deleteOne(leaseOf(claim)).getDeletedCount() == 1) {
            mongo.getCollection(COLLECTION).updateOne(new Document("_id", claim.delivery().alertId()),
                    new Document("$set", new Document("status", DeliveryStatus.CANCELLED.name()).append("completedAt", Date.from(now))));
        }
    }

    private static Document leaseOf(Claimed claim) {
        return new Document("_id", claim.delivery().alertId()).append(VERSION, claim.leaseVersion());
    }

    private static @Nullable Long version(Document queueEntry) {
        Number version = (Number) queueEntry.get(VERSION);
        return version == null ? null : version.longValue();
    }

    /** The version a claim gives an entry: {@code $inc} on a missing field sets it to 1. */
    private static long next(@Nullable Long version) {
        return version == null ? 1 : version + 1;
    }

    /**
     * Queues every delivery of the subscription that finally failed at or after {@code since} for one more delivery,
     * due at once and oldest first (an entry is due from its delivery's creation, and polls take the most overdue
     * first). Each is flipped from failed to pending by an update that matches only the failure it read, so a
     * delivery is queued once however often, or however concurrently, this is asked; one still pending is left as
     * it is. The delivery keeps its history and first attempt, so it gets what is left of its retry budget: at least
     * one attempt. Returns how many were queued. Two writes per delivery, as a rare operation.
     */
    public int recover(String subscriptionId, Instant since, @Nullable String endpoint) {
        List<Document> failed = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(new Document("subscriptionId", subscriptionId)
                        .append("status", DeliveryStatus.FAILED.name())
                        .append("completedAt", new Document("$gte", Date.from(since))))
                .projection(new Document("createdAt", 1).append("completedAt", 1))
                .sort(Sorts.ascending("createdAt"))
                .forEach(failed::add);
        List<UpdateOneModel<Document>> entries = new ArrayList<>();
        for (Document d : failed) {
            Document flip = new Document("$set", new Document("status", DeliveryStatus.PENDING.name())
                    .append("nextAttemptAt", d.getDate("createdAt")))
                    .append("$unset", new Document("completedAt", ""));
            boolean mine = mongo.getCollection(COLLECTION).updateOne(new Document("_id", d.getString("_id"))
                    .append("status", DeliveryStatus.FAILED.name()).append("completedAt", d.getDate("completedAt")), flip)
                    .getModifiedCount() == 1;
            if (!mine) {
                continue;
            }
            Document entry = new Document("nextAttemptAt", d.getDate("createdAt")).append("leaseUntil", new Date(0)).append(VERSION, 0L);
            if (endpoint != null) {
                entry.append(ENDPOINT, endpoint);
            }
            entries.add(new UpdateOneModel<>(new Document("_id", d.getString("_id")), new Document("$setOnInsert", entry),
                    new UpdateOptions().upsert(true)));
        }
        if (!entries.isEmpty()) {
            mongo.getCollection(QUEUE).bulkWrite(entries, UNORDERED);
        }
        return entries.size();
    }

    /** The subscription's deliveries, newest first. */
    public List<Delivery> ofSubscription(String subscriptionId, int limit) {
        List<Delivery> deliveries = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(new Document("subscriptionId", subscriptionId))
                .sort(Sorts.descending("createdAt")).limit(limit).forEach(d -> deliveries.add(toDelivery(d)));
        return deliveries;
    }

    public long countPending() {
        return mongo.getCollection(QUEUE).countDocuments();
    }

    private static Delivery toDelivery(Document d) {
        List<Attempt> attempts = new ArrayList<>();
        for (Document a : d.getList("attempts", Document.class, List.of())) {
            Number status = (Number) a.get("statusCode");
            attempts.add(new Attempt(a.getDate("at").toInstant(), ((Number) a.get("durationMillis")).longValue(),
                    status == null ? null : status.intValue(), a.getString("error")));
        }
        return new Delivery(d.getString("_id"), d.getString("subscriptionId"), d.getString("channel"), d.getString("body"),
                DeliveryStatus.valueOf(d.getString("status")), attempts, d.getDate("createdAt").toInstant(),
                instant(d.getDate("nextAttemptAt")), instant(d.getDate("firstAttemptAt")), instant(d.getDate("completedAt")));
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }
}

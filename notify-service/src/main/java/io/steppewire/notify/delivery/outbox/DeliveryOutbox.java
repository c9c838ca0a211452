package io.steppewire.notify.delivery.outbox;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
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
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The delivery outbox in MongoDB, a claim-by-update queue. A delivery still to be attempted is one document in
 * {@code pending_deliveries} holding everything an attempt needs; a worker owns it while the document carries the
 * worker's claim token and a lease in the future, and every write of an attempt's outcome is conditional on that
 * token, so two workers never both record an attempt. A finished delivery moves to {@code deliveries}, the history,
 * which pending-queue polls never read.
 * <p>
 * A delivery delivered at the first attempt costs three writes: its insert (already claimed by the worker that will
 * attempt it), its history, and the removal of its pending document. The history is written before the removal, so
 * "neither pending nor in the history" always means "never queued", which is how a repeated event tells a delivery
 * still to be made from one already made.
 * <p>
 * A delivery to an endpoint that cannot take it now (its circuit is open, or the worker's lane for it is full) is
 * <em>parked</em> in {@code parked_deliveries} instead, unclaimed, until a worker moves its endpoint's backlog into the
 * pending queue, oldest first, as the endpoint takes attempts again. So the pending queue holds only work that can be
 * attempted, and the polls that scan it do not grow with a dead receiver's backlog; a parked delivery counts as
 * pending everywhere the API shows it.
 */
@Repository
public class DeliveryOutbox {

    /** Finished deliveries: the history the API shows. */
    static final String HISTORY = "deliveries";
    /** Deliveries still to be attempted, small whatever the history's size. */
    static final String PENDING = "pending_deliveries";
    /** Pending deliveries waiting for their endpoint to take attempts again; never polled, moved by endpoint. */
    static final String PARKED = "parked_deliveries";
    /** The pending queue of versions before this one, emptied into {@link #PENDING} at start. */
    static final String FORMER_QUEUE = "delivery_queue";

    /** Attempts kept per delivery: a receiver failing for a day leaves a bounded document, with the count kept apart. */
    static final int KEPT_ATTEMPTS = 20;
    static final String TOKEN = "claimToken";
    static final String TRACEPARENT = "traceparent";
    private static final String UNTIL = "claimedUntil";
    private static final Date UNCLAIMED = new Date(0);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    /** One recorded attempt. */
    public record Attempt(Instant at, long durationMillis, @Nullable Integer statusCode, @Nullable String error) {

        static Attempt of(AttemptOutcome outcome) {
            return new Attempt(outcome.at(), outcome.duration().toMillis(), outcome.statusCode(), outcome.error());
        }
    }

    /**
     * A delivery as the API shows it: pending or finished, with its latest {@link #KEPT_ATTEMPTS} attempts.
     *
     * @param endpoint    the receiver it goes to ({@link io.steppewire.notify.delivery.DeliveryEndpoint})
     * @param body        the message as sent; empty once it finished other than {@link DeliveryStatus#FAILED failed}
     * @param traceparent the W3C trace context of the alert, which every attempt continues
     */
    public record Delivery(String alertId, String subscriptionId, String channel, @Nullable String endpoint, String body,
                           DeliveryStatus status, List<Attempt> attempts, int attemptCount, Instant createdAt,
                           @Nullable Instant nextAttemptAt, @Nullable Instant firstAttemptAt, @Nullable Instant completedAt,
                           @Nullable String traceparent) {
    }

    /**
     * A delivery to queue for an alert, with the alert's W3C trace context when its event had one.
     *
     * @param notBefore when the delivery may first be attempted (the end of the subscriber's quiet hours); {@code null}
     *                  for at once
     */
    public record NewDelivery(String alertId, String subscriptionId, String channel, String body, String endpoint,
                              @Nullable String traceparent, @Nullable Instant notBefore) {

        public NewDelivery(String alertId, String subscriptionId, String channel, String body, String endpoint) {
            this(alertId, subscriptionId, channel, body, endpoint, null, null);
        }

        boolean held(Instant now) {
            return notBefore != null && notBefore.isAfter(now);
        }
    }

    /**
     * The delivery of a message holding many alerts ({@link Digests}): due at {@code dueAt}, its body made when it is
     * sent.
     */
    public record BundleDelivery(String id, String subscriptionId, String channel, String endpoint, Instant dueAt, Instant now) {
    }

    /**
     * A pending delivery that one worker owns until {@code until}, by {@code token}; with {@code first} when it is a
     * {@link FirstAttempt first attempt} whose pending document may not be written yet.
     */
    public record Claim(Delivery delivery, @Nullable String token, Instant until, @Nullable FirstAttempt first) {

        public Claim(Delivery delivery, @Nullable String token, Instant until) {
            this(delivery, token, until, null);
        }

        /** True while nothing of it is in the store: its record then writes the history or the pending document. */
        boolean unwritten() {
            return first != null && first.unwritten();
        }

        public String alertId() {
            return delivery.alertId();
        }

        public String endpoint() {
            return delivery.endpoint() == null ? "" : delivery.endpoint();
        }
    }

    /**
     * How deliveries queued now may be claimed on insert: until {@code until}, for the endpoints the worker can attempt
     * at once. The others are parked when {@code parkTheOthers} (their endpoints cannot take attempts now), else queued
     * unclaimed, for whichever worker polls them. Of the claimed ones, those to endpoints {@code attemptFirst} accepts
     * (asked once per delivery, after {@code endpoints}) are not written at all: they are {@link FirstAttempt first
     * attempts}, which the caller must {@link #writeUnrecorded settle}.
     */
    public record ClaimOnInsert(Instant until, Predicate<String> endpoints, boolean parkTheOthers, Predicate<String> attemptFirst) {

        public ClaimOnInsert(Instant until, Predicate<String> endpoints, boolean parkTheOthers) {
            this(until, endpoints, parkTheOthers, endpoint -> false);
        }

        public ClaimOnInsert(Instant until, Predicate<String> endpoints) {
            this(until, endpoints, false);
        }
    }

    /**
     * What {@link #enqueue} did: the deliveries it claimed (first attempts among them), and the endpoints it parked
     * deliveries for.
     */
    public record Queued(List<Claim> claimed, Set<String> parkedEndpoints) {

        /** The claimed deliveries written nowhere yet: each must be {@link #writeUnrecorded settled}. */
        public List<Claim> firstAttempts() {
            return claimed.stream().filter(c -> c.first() != null).toList();
        }
    }

    private final MongoTemplate mongo;

    public DeliveryOutbox(MongoTemplate mongo) {
        this.mongo = mongo;
        // Claims and records filter by exactly these keys: a unique index, which even a store that uses no other kind of
        // index for lookups finds the document by.
        mongo.indexOps(PENDING).createIndex(new Index("_id", Sort.Direction.ASC).on(TOKEN, Sort.Direction.ASC).unique());
        mongo.indexOps(PENDING).createIndex(new Index("dueAt", Sort.Direction.ASC));
        mongo.indexOps(PENDING).createIndex(new Index("subscriptionId", Sort.Direction.ASC));
        mongo.indexOps(HISTORY).createIndex(new Index("subscriptionId", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
        // An endpoint's backlog is moved oldest first, and the API lists a subscription's deliveries.
        mongo.indexOps(PARKED).createIndex(new Index("endpoint", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC));
        mongo.indexOps(PARKED).createIndex(new Index("subscriptionId", Sort.Direction.ASC));
        adoptFormerQueue();
    }

    private MongoCollection<Document> pending() {
        return mongo.getCollection(PENDING);
    }

    private MongoCollection<Document> history() {
        return mongo.getCollection(HISTORY);
    }

    private MongoCollection<Document> parked() {
        return mongo.getCollection(PARKED);
    }

    /**
     * Queues the deliveries of alerts: {@code fresh} ones belong to alerts stored just now, so nothing of them can
     * exist yet; {@code repeated} ones belong to alerts stored before (a redelivered event) and are queued only when
     * neither pending nor finished, as after a crash between storing the alert and queueing its delivery. One bulk
     * write for the fresh ones. Returns the deliveries claimed on insert, which the caller hands to its worker.
     */
    public List<Claim> enqueue(List<NewDelivery> fresh, List<NewDelivery> repeated, Instant now, @Nullable ClaimOnInsert claimOnInsert) {
        return enqueue(fresh, repeated, now, claimOnInsert, claimed -> {
        }).claimed();
    }

    /**
     * {@link #enqueue(List, List, Instant, ClaimOnInsert) Queues} the deliveries, handing the claimed ones to
     * {@code startClaimed} as soon as they are stored and before the parked ones are written, so a healthy endpoint's
     * delivery never waits for a blocked one's.
     */
    public Queued enqueue(List<NewDelivery> fresh, List<NewDelivery> repeated, Instant now, @Nullable ClaimOnInsert claimOnInsert,
                          Consumer<List<Claim>> startClaimed) {
        List<NewDelivery> toQueue = new ArrayList<>(fresh);
        toQueue.addAll(missing(repeated));
        if (toQueue.isEmpty()) {
            return new Queued(List.of(), Set.of());
        }
        String token = UUID.randomUUID().toString();
        List<UpdateOneModel<Document>> inserts = new ArrayList<>(toQueue.size());
        List<NewDelivery> queued = new ArrayList<>(toQueue.size());
        List<Boolean> claimed = new ArrayList<>(toQueue.size());
        List<NewDelivery> toPark = new ArrayList<>();
        List<Claim> firstAttempts = new ArrayList<>();
        for (NewDelivery d : toQueue) {
            // A held delivery waits in the pending queue, due when its quiet hours end: neither attempted now nor parked.
            boolean held = d.held(now);
            boolean claim = claimOnInsert != null && !held && claimOnInsert.endpoints().test(d.endpoint());
            if (!claim && !held && claimOnInsert != null && claimOnInsert.parkTheOthers()) {
                toPark.add(d);
                continue;
            }
            if (claim && claimOnInsert.attemptFirst().test(d.endpoint())) {
                firstAttempts.add(new Claim(new Delivery(d.alertId(), d.subscriptionId(), d.channel(), d.endpoint(), d.body(),
                        DeliveryStatus.PENDING, List.of(), 0, now, now, null, null, d.traceparent()), token, claimOnInsert.until(),
                        new FirstAttempt()));
                continue;
            }
            queued.add(d);
            claimed.add(claim);
            Document doc = newEntry(d, now).append(TOKEN, claim ? token : null).append(UNTIL, claim ? Date.from(claimOnInsert.until()) : UNCLAIMED);
            inserts.add(new UpdateOneModel<>(new Document("_id", d.alertId()), new Document("$setOnInsert", doc),
                    new UpdateOptions().upsert(true)));
        }
        List<Claim> claims = new ArrayList<>(firstAttempts);
        if (!inserts.isEmpty()) {
            BulkWriteResult result = pending().bulkWrite(inserts, UNORDERED);
            result.getUpserts().forEach(upsert -> {
                int i = upsert.getIndex();
                if (claimed.get(i)) {
                    NewDelivery d = queued.get(i);
                    claims.add(new Claim(new Delivery(d.alertId(), d.subscriptionId(), d.channel(), d.endpoint(), d.body(),
                            DeliveryStatus.PENDING, List.of(), 0, now, now, null, null, d.traceparent()), token, claimOnInsert.until()));
                }
            });
        }
        startClaimed.accept(claims);
        if (toPark.isEmpty()) {
            return new Queued(claims, Set.of());
        }
        parked().bulkWrite(toPark.stream().map(d -> new UpdateOneModel<Document>(new Document("_id", d.alertId()),
                new Document("$setOnInsert", newEntry(d, now)), new UpdateOptions().upsert(true))).toList(), UNORDERED);
        Set<String> endpoints = new HashSet<>();
        toPark.forEach(d -> endpoints.add(d.endpoint()));
        return new Queued(claims, endpoints);
    }

    /**
     * Queues the deliveries of messages of many alerts, unclaimed and due at their slot (insert-if-absent, so queueing
     * one again changes nothing; one queued again after it finished is removed by the next poll, which finds its
     * history). One bulk write.
     */
    void queueBundles(List<BundleDelivery> bundles) {
        if (bundles.isEmpty()) {
            return;
        }
        pending().bulkWrite(bundles.stream().map(b -> new UpdateOneModel<Document>(new Document("_id", b.id()),
                new Document("$setOnInsert", new Document("subscriptionId", b.subscriptionId()).append("channel", b.channel())
                        .append("endpoint", b.endpoint()).append("body", "").append("createdAt", Date.from(b.now()))
                        .append("dueAt", Date.from(b.dueAt())).append("attempts", List.of()).append("attemptCount", 0)
                        .append(TOKEN, null).append(UNTIL, UNCLAIMED)),
                new UpdateOptions().upsert(true))).toList(), UNORDERED);
    }

    private static Document newEntry(NewDelivery d, Instant now) {
        return entry(d.subscriptionId(), d.channel(), d.endpoint(), d.body(), now, d.traceparent())
                .append("dueAt", Date.from(d.held(now) ? d.notBefore() : now));
    }

    /** A pending document of a delivery not yet attempted, without its due time and claim. */
    private static Document entry(String subscriptionId, String channel, @Nullable String endpoint, String body, Instant createdAt,
                                  @Nullable String traceparent) {
        Document entry = new Document("subscriptionId", subscriptionId).append("channel", channel).append("endpoint", endpoint)
                .append("body", body).append("createdAt", Date.from(createdAt)).append("attempts", List.of()).append("attemptCount", 0);
        return withTrace(entry, traceparent);
    }

    private static Document withTrace(Document entry, @Nullable String traceparent) {
        return traceparent == null ? entry : entry.append(TRACEPARENT, traceparent);
    }

    /**
     * Moves up to {@code max} of the endpoint's parked deliveries, oldest first, into the pending queue, claimed until
     * {@code until} by the caller, who attempts them. One query and two bulk writes. A parked delivery already pending or
     * finished (a move that stopped between its insert and its removal) is only removed, so none is sent twice.
     */
    public List<Claim> unpark(String endpoint, int max, Instant now, Instant until) {
        List<Document> found = new ArrayList<>();
        parked().find(new Document("endpoint", endpoint)).sort(Sorts.ascending("createdAt")).limit(max).forEach(found::add);
        if (found.isEmpty()) {
            return List.of();
        }
        List<String> ids = found.stream().map(d -> d.getString("_id")).toList();
        Set<String> known = idsIn(pending(), ids);
        known.addAll(idsIn(history(), ids.stream().filter(id -> !known.contains(id)).toList()));
        String token = UUID.randomUUID().toString();
        List<Document> moving = found.stream().filter(d -> !known.contains(d.getString("_id"))).toList();
        List<Claim> claims = new ArrayList<>(moving.size());
        if (!moving.isEmpty()) {
            BulkWriteResult result = pending().bulkWrite(moving.stream().map(d -> {
                Document entry = new Document(d);
                entry.remove("_id");
                entry.append("dueAt", Date.from(now)).append(TOKEN, token).append(UNTIL, Date.from(until));
                return new UpdateOneModel<Document>(new Document("_id", d.getString("_id")), new Document("$setOnInsert", entry),
                        new UpdateOptions().upsert(true));
            }).toList(), UNORDERED);
            result.getUpserts().forEach(upsert -> claims.add(new Claim(toDelivery(moving.get(upsert.getIndex()), DeliveryStatus.PENDING),
                    token, until)));
        }
        parked().bulkWrite(ids.stream().map(id -> new DeleteOneModel<Document>(new Document("_id", id))).toList(), UNORDERED);
        return claims;
    }

    /** The endpoints that have parked deliveries: one index scan on MongoDB. */
    public Set<String> parkedEndpoints() {
        Set<String> endpoints = new HashSet<>();
        parked().distinct("endpoint", String.class).forEach(endpoints::add);
        return endpoints;
    }

    /**
     * The repeated deliveries neither parked, pending nor finished. Read in the order a delivery moves through them, so
     * a delivery moving meanwhile is still found in the next.
     */
    List<NewDelivery> missing(List<NewDelivery> repeated) {
        if (repeated.isEmpty()) {
            return List.of();
        }
        List<String> ids = repeated.stream().map(NewDelivery::alertId).toList();
        Set<String> known = idsIn(parked(), ids);
        known.addAll(idsIn(pending(), ids.stream().filter(id -> !known.contains(id)).toList()));
        List<String> notPending = ids.stream().filter(id -> !known.contains(id)).toList();
        known.addAll(idsIn(history(), notPending));
        return repeated.stream().filter(d -> !known.contains(d.alertId())).toList();
    }

    private static Set<String> idsIn(MongoCollection<Document> collection, List<String> ids) {
        Set<String> found = new HashSet<>();
        if (!ids.isEmpty()) {
            collection.find(new Document("_id", new Document("$in", ids))).projection(new Document("_id", 1))
                    .forEach(d -> found.add(d.getString("_id")));
        }
        return found;
    }

    /**
     * Claims up to {@code max} of the most overdue deliveries that nobody holds, leaving out those to
     * {@code skippedEndpoints} (busy or failing: they stay due, untouched, until their endpoint can take them). One
     * query and one bulk write; a delivery another worker claimed in between is skipped, never shared. A delivery
     * whose history already exists (its worker stopped between writing the history and removing it from the queue)
     * is removed instead of claimed, so it is never sent twice.
     */
    public List<Claim> claimDue(Instant now, int max, Set<String> skippedEndpoints, Duration lease) {
        Document due = new Document("dueAt", new Document("$lte", Date.from(now)))
                .append(UNTIL, new Document("$lte", Date.from(now)));
        if (!skippedEndpoints.isEmpty()) {
            due.append("endpoint", new Document("$nin", new ArrayList<>(skippedEndpoints)));
        }
        List<Document> found = new ArrayList<>();
        pending().find(due).sort(Sorts.ascending("dueAt")).limit(max).forEach(found::add);
        if (found.isEmpty()) {
            return List.of();
        }
        Set<String> finished = idsIn(history(), found.stream().map(d -> d.getString("_id")).toList());
        if (!finished.isEmpty()) {
            pending().bulkWrite(found.stream().filter(d -> finished.contains(d.getString("_id")))
                    .map(d -> new DeleteOneModel<Document>(claimFilter(d.getString("_id"), d.getString(TOKEN)))).toList(), UNORDERED);
            found.removeIf(d -> finished.contains(d.getString("_id")));
        }
        return claimAll(found, now.plus(lease));
    }

    /**
     * Claims pending documents as they were read: each update filters by id and the token read, so it applies only
     * to a document nobody claimed since. Returns the claims that applied.
     */
    private List<Claim> claimAll(List<Document> read, Instant until) {
        if (read.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        Document claim = new Document("$set", new Document(TOKEN, token).append(UNTIL, Date.from(until)));
        BulkWriteResult result = pending().bulkWrite(read.stream()
                .map(d -> new UpdateOneModel<Document>(claimFilter(d.getString("_id"), d.getString(TOKEN)), claim)).toList(), UNORDERED);
        Set<String> ours;
        if (result.getMatchedCount() == read.size()) {
            ours = null;
        } else {
            // Some were taken meanwhile: ours are those that carry our token now.
            ours = new HashSet<>();
            for (Document d : pending().find(new Document("_id", new Document("$in", read.stream().map(r -> r.getString("_id")).toList())))
                    .projection(new Document(TOKEN, 1))) {
                if (token.equals(d.getString(TOKEN))) {
                    ours.add(d.getString("_id"));
                }
            }
        }
        List<Claim> claims = new ArrayList<>(read.size());
        for (Document d : read) {
            if (ours == null || ours.contains(d.getString("_id"))) {
                claims.add(new Claim(toDelivery(d, DeliveryStatus.PENDING), token, until));
            }
        }
        return claims;
    }

    /**
     * Extends a claim whose lease is running out (it waited in memory for its endpoint): one conditional update.
     * Null when the claim was lost meanwhile.
     */
    public @Nullable Claim renew(Claim claim, Instant until) {
        if (claim.unwritten()) {
            // Nothing stored to extend; should its pending document be written meanwhile, it carries the first lease.
            return claim;
        }
        String token = UUID.randomUUID().toString();
        long renewed = pending().updateOne(claimFilter(claim.alertId(), claim.token()),
                new Document("$set", new Document(TOKEN, token).append(UNTIL, Date.from(until)))).getModifiedCount();
        return renewed == 1 ? new Claim(claim.delivery(), token, until) : null;
    }

    /** Gives claims back unattempted (the worker stops, or cannot hold them): due again at once for any worker. One bulk write. */
    public void release(List<Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        // A first attempt given back has nothing stored: its consumer writes it, due at once.
        List<Claim> stored = claims.stream().filter(c -> c.first() == null || !c.first().giveBack()).toList();
        if (stored.isEmpty()) {
            return;
        }
        Document release = new Document("$set", new Document(TOKEN, null).append(UNTIL, UNCLAIMED));
        pending().bulkWrite(stored.stream().map(c -> new UpdateOneModel<Document>(claimFilter(c.alertId(), c.token()), release)).toList(),
                UNORDERED);
    }

    /**
     * What a worker did with a claim: an attempt (null for a cancelled delivery), and then either pending again at
     * {@code nextAttemptAt} or finished with {@code status}.
     */
    public record Attempted(Claim claim, @Nullable AttemptOutcome outcome, DeliveryStatus status, @Nullable Instant nextAttemptAt,
                            Instant at) {

        boolean finished() {
            return status != DeliveryStatus.PENDING;
        }
    }

    /**
     * Records attempts with at most five bulk writes: retries update their pending document; finished deliveries
     * are written to the history and then removed from the queue; first attempts written nowhere yet get their history
     * or, to be retried, their pending document. Only the holder of a claim changes the queue: a
     * retry or removal whose claim was lost matches nothing. Returns how many claims had been lost.
     */
    public int record(List<Attempted> attempts) {
        List<WriteModel<Document>> retries = new ArrayList<>();
        List<Attempted> finished = new ArrayList<>();
        List<Attempted> firsts = new ArrayList<>();
        for (Attempted a : attempts) {
            if (a.claim().first() != null && startRecording(a.claim().first())) {
                firsts.add(a);
                continue;
            }
            if (a.finished()) {
                finished.add(a);
                continue;
            }
            Document set = new Document("dueAt", Date.from(requireNext(a))).append(TOKEN, null).append(UNTIL, UNCLAIMED);
            Document update = new Document("$set", set);
            if (a.outcome() != null) {
                update.append("$push", new Document("attempts", new Document("$each", List.of(attempt(a.outcome()))).append("$slice", -KEPT_ATTEMPTS)))
                        .append("$inc", new Document("attemptCount", 1))
                        .append("$min", new Document("firstAttemptAt", Date.from(a.outcome().at())));
            }
            retries.add(new UpdateOneModel<>(claimFilter(a.claim().alertId(), a.claim().token()), update));
        }
        int lost = 0;
        if (!retries.isEmpty()) {
            lost += retries.size() - pending().bulkWrite(retries, UNORDERED).getMatchedCount();
        }
        if (!firsts.isEmpty()) {
            recordFirstAttempts(firsts);
        }
        if (!finished.isEmpty()) {
            // Insert-if-absent: should a lease have run out during an attempt, the first history written stands.
            history().bulkWrite(finished.stream().map(a -> new UpdateOneModel<Document>(new Document("_id", a.claim().alertId()),
                    new Document("$setOnInsert", historyOf(a)), new UpdateOptions().upsert(true))).toList(), UNORDERED);
            lost += finished.size() - pending().bulkWrite(finished.stream()
                    .map(a -> new DeleteOneModel<Document>(claimFilter(a.claim().alertId(), a.claim().token()))).toList(), UNORDERED)
                    .getDeletedCount();
        }
        return lost;
    }

    private static boolean startRecording(FirstAttempt first) {
        try {
            return first.startRecording();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the consumer wrote a first attempt's pending document", e);
        }
    }

    /**
     * Records first attempts that have nothing stored: a finished one by its history alone, one to retry by its pending
     * document, written whole with the attempt in it. Insert-if-absent both, in two bulk writes.
     */
    private void recordFirstAttempts(List<Attempted> firsts) {
        List<Attempted> finished = firsts.stream().filter(Attempted::finished).toList();
        List<Attempted> retried = firsts.stream().filter(a -> !a.finished()).toList();
        try {
            if (!finished.isEmpty()) {
                history().bulkWrite(finished.stream().map(a -> new UpdateOneModel<Document>(new Document("_id", a.claim().alertId()),
                        new Document("$setOnInsert", historyOf(a)), new UpdateOptions().upsert(true))).toList(), UNORDERED);
            }
            if (!retried.isEmpty()) {
                pending().bulkWrite(retried.stream().map(a -> {
                    Document entry = entryOf(a.claim().delivery()).append("dueAt", Date.from(requireNext(a))).append(TOKEN, null)
                            .append(UNTIL, UNCLAIMED);
                    if (a.outcome() != null) {
                        entry.append("attempts", List.of(attempt(a.outcome()))).append("attemptCount", 1)
                                .append("firstAttemptAt", Date.from(a.outcome().at()));
                    }
                    return new UpdateOneModel<Document>(new Document("_id", a.claim().alertId()), new Document("$setOnInsert", entry),
                            new UpdateOptions().upsert(true));
                }).toList(), UNORDERED);
            }
        } catch (RuntimeException e) {
            firsts.forEach(a -> requireFirst(a.claim()).recordingFailed());
            throw e;
        }
        firsts.forEach(a -> requireFirst(a.claim()).recorded());
    }

    /**
     * Settles first attempts before their event's offset is committed: each not recorded by now gets its pending
     * document, claimed by the attempt still running or due at once when nothing runs. One bulk write, insert-if-absent.
     */
    public void writeUnrecorded(List<Claim> firstAttempts) {
        List<Claim> toWrite = new ArrayList<>();
        List<UpdateOneModel<Document>> inserts = new ArrayList<>();
        for (Claim claim : firstAttempts) {
            FirstAttempt.Write write = requireFirst(claim).startWriting();
            if (write == FirstAttempt.Write.NOTHING) {
                continue;
            }
            boolean claimed = write == FirstAttempt.Write.CLAIMED;
            Document entry = entryOf(claim.delivery()).append("dueAt", Date.from(claim.delivery().createdAt()))
                    .append(TOKEN, claimed ? claim.token() : null).append(UNTIL, claimed ? Date.from(claim.until()) : UNCLAIMED);
            toWrite.add(claim);
            inserts.add(new UpdateOneModel<>(new Document("_id", claim.alertId()), new Document("$setOnInsert", entry),
                    new UpdateOptions().upsert(true)));
        }
        if (inserts.isEmpty()) {
            return;
        }
        try {
            pending().bulkWrite(inserts, UNORDERED);
        } catch (RuntimeException e) {
            toWrite.forEach(c -> requireFirst(c).writingFailed());
            throw e;
        }
        toWrite.forEach(c -> requireFirst(c).written());
    }

    private static FirstAttempt requireFirst(Claim claim) {
        FirstAttempt first = claim.first();
        if (first == null) {
            throw new IllegalArgumentException("Not a first attempt: " + claim.alertId());
        }
        return first;
    }

    private static Document entryOf(Delivery d) {
        return entry(d.subscriptionId(), d.channel(), d.endpoint(), d.body(), d.createdAt(), d.traceparent());
    }

    private static Document historyOf(Attempted a) {
        Delivery d = a.claim().delivery();
        List<Document> kept = new ArrayList<>(d.attempts().stream().map(DeliveryOutbox::attempt).toList());
        Instant firstAttemptAt = d.firstAttemptAt();
        int count = d.attemptCount();
        if (a.outcome() != null) {
            kept.add(attempt(a.outcome()));
            count++;
            firstAttemptAt = firstAttemptAt == null ? a.outcome().at() : firstAttemptAt;
        }
        Document history = new Document("subscriptionId", d.subscriptionId()).append("channel", d.channel())
                .append("endpoint", d.endpoint()).append("status", a.status().name())
                .append("attempts", kept.subList(Math.max(0, kept.size() - KEPT_ATTEMPTS), kept.size())).append("attemptCount", count)
                .append("createdAt", Date.from(d.createdAt())).append("completedAt", Date.from(a.at()));
        if (a.status() == DeliveryStatus.FAILED) {
            // Only a failed delivery may be sent again (recover). A finished one is listed without its body, which the
            // alert holds anyway: the body was most of the history's size, a copy per alert.
            history.append("body", d.body());
        }
        if (firstAttemptAt != null) {
            history.append("firstAttemptAt", Date.from(firstAttemptAt));
        }
        return withTrace(history, d.traceparent());
    }

    private static Document attempt(AttemptOutcome outcome) {
        return new Document("at", Date.from(outcome.at())).append("durationMillis", outcome.duration().toMillis())
                .append("statusCode", outcome.statusCode()).append("error", outcome.error());
    }

    private static Document attempt(Attempt attempt) {
        return new Document("at", Date.from(attempt.at())).append("durationMillis", attempt.durationMillis())
                .append("statusCode", attempt.statusCode()).append("error", attempt.error());
    }

    private static Instant requireNext(Attempted a) {
        Instant next = a.nextAttemptAt();
        if (next == null) {
            throw new IllegalArgumentException("A delivery pending again needs its next attempt's time: " + a.claim().alertId());
        }
        return next;
    }

    private static Document claimFilter(String alertId, @Nullable String token) {
        return new Document("_id", alertId).append(TOKEN, token);
    }

    /**
     * Queues every delivery of the subscription that finally failed at or after {@code since} for one more delivery,
     * due from its creation so polls take the oldest first. Each is taken from the history by a delete that matches
     * only the failure it read, so a delivery is queued once however often, or however concurrently, this is asked.
     * The delivery keeps its attempts and first attempt, so it gets what is left of its retry budget: at least one
     * attempt. Returns how many were queued. A rare operation: it reads the history by subscription.
     */
    public int recover(String subscriptionId, Instant since) {
        List<Document> failed = new ArrayList<>();
        history().find(new Document("subscriptionId", subscriptionId).append("status", DeliveryStatus.FAILED.name())
                        .append("completedAt", new Document("$gte", Date.from(since))))
                .sort(Sorts.ascending("createdAt")).forEach(failed::add);
        int queued = 0;
        String token = UUID.randomUUID().toString();
        for (Document d : failed) {
            // Queued first, then taken from the history: a delivery is always in one or the other. Queued claimed by this
            // call until its history is gone, since a poll removes a pending delivery whose history exists.
            Document entry = new Document(d);
            entry.remove("_id");
            entry.remove("status");
            entry.remove("completedAt");
            entry.append("dueAt", d.getDate("createdAt")).append(TOKEN, token).append(UNTIL, Date.from(Instant.now().plusSeconds(60)));
            boolean created = pending().updateOne(new Document("_id", d.getString("_id")), new Document("$setOnInsert", entry),
                    new UpdateOptions().upsert(true)).getUpsertedId() != null;
            if (!created) {
                continue;
            }
            if (history().deleteOne(new Document("_id", d.getString("_id")).append("status", DeliveryStatus.FAILED.name())
                    .append("completedAt", d.getDate("completedAt"))).getDeletedCount() == 1) {
                pending().updateOne(claimFilter(d.getString("_id"), token),
                        new Document("$set", new Document(TOKEN, null).append(UNTIL, UNCLAIMED)));
                queued++;
            } else {
                // Another request recovered it and its delivery finished meanwhile: this queue entry would repeat it.
                pending().deleteOne(claimFilter(d.getString("_id"), token));
            }
        }
        return queued;
    }

    /**
     * Ends the subscription's pending deliveries without an attempt (its delivery was disabled, say), each as
     * {@code status} with {@code reason} in its history; those a worker holds are left to it. Returns how many ended.
     */
    public int endPending(String subscriptionId, DeliveryStatus status, String reason, Instant now) {
        List<Document> waiting = new ArrayList<>();
        pending().find(new Document("subscriptionId", subscriptionId).append(UNTIL, new Document("$lte", Date.from(now))))
                .forEach(waiting::add);
        // Claimed first, so a worker that claimed one meanwhile keeps it, and the history is written only for ours.
        List<Attempted> ended = claimAll(waiting, now.plusSeconds(60)).stream().map(claim -> new Attempted(claim,
                AttemptOutcome.permanent(now, Duration.ZERO, null, reason), status, null, now)).toList();
        int endedCount = ended.size() - record(ended);
        List<Document> parkedOnes = new ArrayList<>();
        parked().find(new Document("subscriptionId", subscriptionId)).forEach(parkedOnes::add);
        if (!parkedOnes.isEmpty()) {
            // The history first, then the removal: a parked delivery is always in one or the other.
            history().bulkWrite(parkedOnes.stream().map(d -> new UpdateOneModel<Document>(new Document("_id", d.getString("_id")),
                    new Document("$setOnInsert", historyOf(new Attempted(new Claim(toDelivery(d, DeliveryStatus.PENDING), null, now),
                            AttemptOutcome.permanent(now, Duration.ZERO, null, reason), status, null, now))),
                    new UpdateOptions().upsert(true))).toList(), UNORDERED);
            endedCount += (int) parked().bulkWrite(parkedOnes.stream()
                    .map(d -> new DeleteOneModel<Document>(new Document("_id", d.getString("_id")))).toList(), UNORDERED).getDeletedCount();
        }
        return endedCount;
    }

    /**
     * Records deliveries that are not attempted (their subscription's delivery is disabled) as failed with
     * {@code reason}, so a recover sends them once delivery is enabled again. One bulk write, insert-if-absent.
     */
    public void recordUndelivered(List<NewDelivery> deliveries, String reason, Instant now) {
        history().bulkWrite(deliveries.stream().map(d -> new UpdateOneModel<Document>(new Document("_id", d.alertId()),
                new Document("$setOnInsert", historyOf(new Attempted(new Claim(new Delivery(d.alertId(), d.subscriptionId(), d.channel(),
                        d.endpoint(), d.body(), DeliveryStatus.PENDING, List.of(), 0, now, now, null, null, d.traceparent()), null, now),
                        AttemptOutcome.permanent(now, Duration.ZERO, null, reason), DeliveryStatus.FAILED, null, now))),
                new UpdateOptions().upsert(true))).toList(), UNORDERED);
    }

    /** The subscription's deliveries, pending and finished, newest first. */
    public List<Delivery> ofSubscription(String subscriptionId, int limit) {
        List<Delivery> deliveries = new ArrayList<>();
        pending().find(new Document("subscriptionId", subscriptionId)).sort(Sorts.descending("createdAt")).limit(limit)
                .forEach(d -> deliveries.add(toDelivery(d, DeliveryStatus.PENDING)));
        parked().find(new Document("subscriptionId", subscriptionId)).sort(Sorts.descending("createdAt")).limit(limit)
                .forEach(d -> deliveries.add(toDelivery(d, DeliveryStatus.PENDING)));
        history().find(new Document("subscriptionId", subscriptionId)).sort(Sorts.descending("createdAt")).limit(limit)
                .forEach(d -> deliveries.add(toDelivery(d, DeliveryStatus.valueOf(d.getString("status")))));
        deliveries.sort(Comparator.comparing(Delivery::createdAt).reversed());
        return deliveries.subList(0, Math.min(limit, deliveries.size()));
    }

    /** Deliveries still to be attempted, parked ones included. */
    public long countPending() {
        return pending().countDocuments() + parked().countDocuments();
    }

    /** Deliveries parked until their endpoints take attempts again. */
    public long countParked() {
        return parked().countDocuments();
    }

    /** Deliveries parked until the endpoint takes attempts again. */
    public long countParked(String endpoint) {
        return parked().countDocuments(new Document("endpoint", endpoint));
    }

    private static Delivery toDelivery(Document d, DeliveryStatus status) {
        List<Attempt> attempts = new ArrayList<>();
        for (Document a : d.getList("attempts", Document.class, List.of())) {
            Number code = (Number) a.get("statusCode");
            attempts.add(new Attempt(a.getDate("at").toInstant(), ((Number) a.get("durationMillis")).longValue(),
                    code == null ? null : code.intValue(), a.getString("error")));
        }
        Number count = (Number) d.get("attemptCount");
        return new Delivery(d.getString("_id"), d.getString("subscriptionId"), d.getString("channel"), d.getString("endpoint"),
                Objects.requireNonNullElse(d.getString("body"), ""), status, attempts, count == null ? attempts.size() : count.intValue(),
                d.getDate("createdAt").toInstant(), status == DeliveryStatus.PENDING ? instant(d.getDate("dueAt")) : null,
                instant(d.getDate("firstAttemptAt")), instant(d.getDate("completedAt")), d.getString(TRACEPARENT));
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }

    /**
     * Moves what an earlier version left queued (a {@code delivery_queue} entry beside a pending {@code deliveries}
     * document) into the pending queue, unclaimed and due as it was, so an upgrade loses no delivery. Runs once per
     * start and costs one query when there is nothing to move.
     */
    private void adoptFormerQueue() {
        MongoCollection<Document> former = mongo.getCollection(FORMER_QUEUE);
        if (!mongo.collectionExists(FORMER_QUEUE)) {
            return;
        }
        for (Document entry : former.find()) {
            String id = entry.getString("_id");
            Document old = history().find(new Document("_id", id)).first();
            if (old != null && DeliveryStatus.PENDING.name().equals(old.getString("status"))) {
                Document moved = new Document(old);
                moved.remove("_id");
                moved.remove("status");
                moved.remove("nextAttemptAt");
                moved.append("endpoint", entry.getString("endpoint")).append("dueAt", entry.getDate("nextAttemptAt"))
                        .append("attemptCount", old.getList("attempts", Document.class, List.of()).size())
                        .append(TOKEN, null).append(UNTIL, UNCLAIMED);
                pending().updateOne(new Document("_id", id), new Document("$setOnInsert", moved), new UpdateOptions().upsert(true));
                history().deleteOne(new Document("_id", id).append("status", DeliveryStatus.PENDING.name()));
            }
            former.deleteOne(new Document("_id", id));
        }
        mongo.dropCollection(FORMER_QUEUE);
    }
}

package io.steppewire.notify.delivery.outbox;

import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Sorts;
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
import java.util.List;

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

    private final MongoTemplate mongo;

    public DeliveryOutbox(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(QUEUE).createIndex(new Index("nextAttemptAt", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index("subscriptionId", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC));
    }

    /** Adds a delivery due at once, unless the alert already has one. */
    public void enqueue(String alertId, String subscriptionId, String channel, String body, Instant now) {
        Document onInsert = new Document("subscriptionId", subscriptionId)
                .append("channel", channel)
                .append("body", body)
                .append("status", DeliveryStatus.PENDING.name())
                .append("attempts", List.of())
                .append("createdAt", Date.from(now))
                .append("nextAttemptAt", Date.from(now));
        boolean created = mongo.getCollection(COLLECTION).updateOne(new Document("_id", alertId), new Document("$setOnInsert", onInsert),
                new UpdateOptions().upsert(true)).getUpsertedId() != null;
        if (!created) {
            // A repeat of the event: queue again only a delivery still pending (its queue entry may have been
            // lost to a crash right after the history was written), never one already finished.
            Document existing = mongo.getCollection(COLLECTION).find(new Document("_id", alertId))
                    .projection(new Document("status", 1)).first();
            if (existing == null || !DeliveryStatus.PENDING.name().equals(existing.getString("status"))) {
                return;
            }
        }
        // After the history entry, so a queued delivery always has one; insert-if-absent.
        mongo.getCollection(QUEUE).updateOne(new Document("_id", alertId), new Document("$setOnInsert",
                new Document("nextAttemptAt", Date.from(now)).append("leaseUntil", new Date(0))), new UpdateOptions().upsert(true));
    }

    /**
     * Reserves up to {@code max} of the most overdue pending deliveries for {@code worker} until
     * {@code now + lease}. One query finds the candidates; each is then claimed by id with the due
     * condition repeated, so a delivery another worker claimed meanwhile is skipped, never shared.
     */
    public List<Delivery> claimDue(String worker, Instant now, Duration lease, int max) {
        Document due = new Document("nextAttemptAt", new Document("$lte", Date.from(now)))
                .append("leaseUntil", new Document("$lte", Date.from(now)));
        List<Object> candidates = new ArrayList<>();
        mongo.getCollection(QUEUE).find(due).projection(new Document("_id", 1))
                .sort(Sorts.ascending("nextAttemptAt")).limit(max).forEach(d -> candidates.add(d.get("_id")));
        Document claim = new Document("$set", new Document("leaseUntil", Date.from(now.plus(lease))).append("leaseOwner", worker));
        List<Delivery> claimed = new ArrayList<>();
        for (Object id : candidates) {
            Document stillDue = new Document(due).append("_id", id);
            if (mongo.getCollection(QUEUE).updateOne(stillDue, claim).getModifiedCount() == 1) {
                Document delivery = mongo.getCollection(COLLECTION).find(new Document("_id", id)).first();
                if (delivery != null) {
                    claimed.add(toDelivery(delivery));
                }
            }
        }
        return claimed;
    }

    /**
     * Records an attempt and what follows it: delivered, failed, cancelled, or pending again at
     * {@code nextAttemptAt}. Only the worker holding the lease may record; false when it lost it.
     */
    public boolean recordAttempt(String alertId, String worker, AttemptOutcome outcome, DeliveryStatus status,
                                 @Nullable Instant nextAttemptAt) {
        Document attempt = new Document("at", Date.from(outcome.at()))
                .append("durationMillis", outcome.duration().toMillis())
                .append("statusCode", outcome.statusCode())
                .append("error", outcome.error());
        // The queue entry proves the lease: only its holder may release it, and only then record.
        Document mine = new Document("_id", alertId).append("leaseOwner", worker);
        boolean stillMine = status == DeliveryStatus.PENDING && nextAttemptAt != null
                ? mongo.getCollection(QUEUE).updateOne(mine, new Document("$set", new Document("nextAttemptAt", Date.from(nextAttemptAt))
                        .append("leaseUntil", new Date(0)))).getModifiedCount() == 1
                : mongo.getCollection(QUEUE).deleteOne(mine).getDeletedCount() == 1;
        if (!stillMine) {
            return false;
        }
        Document set = new Document("status", status.name());
        if (nextAttemptAt != null) {
            set.append("nextAttemptAt", Date.from(nextAttemptAt));
        }
        if (status != DeliveryStatus.PENDING) {
            set.append("completedAt", Date.from(outcome.at()));
        }
        Document update = new Document("$push", new Document("attempts", attempt))
                .append("$set", set)
                .append("$min", new Document("firstAttemptAt", Date.from(outcome.at())));
        mongo.getCollection(COLLECTION).updateOne(new Document("_id", alertId), update);
        return true;
    }

    /** Ends a delivery without an attempt, e.g. because its subscription was deleted. */
    public void cancel(String alertId, String worker, Instant now) {
        if (mongo.getCollection(QUEUE).deleteOne(new Document("_id", alertId).append("leaseOwner", worker)).getDeletedCount() == 1) {
            mongo.getCollection(COLLECTION).updateOne(new Document("_id", alertId),
                    new Document("$set", new Document("status", DeliveryStatus.CANCELLED.name()).append("completedAt", Date.from(now))));
        }
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

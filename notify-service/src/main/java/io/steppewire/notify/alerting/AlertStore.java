package io.steppewire.notify.alerting;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Alerts, stored once under their deterministic id. Each alert of a subscription gets the next number
 * of that subscription's sequence, which orders its event stream across restarts and instances.
 */
@Repository
public class AlertStore {

    static final String ALERTS = "alerts";
    static final String SEQUENCES = "alert_sequences";

    /**
     * One stored alert.
     *
     * @param body        the alert JSON exactly as published and delivered
     * @param sequence    the alert's place in its subscription's stream, once assigned
     * @param sequencedAt when the sequence number was written
     */
    public record StoredAlert(String alertId, String subscriptionId, String kind, String body, @Nullable Long sequence,
                              @Nullable Instant sequencedAt, @Nullable Instant publishedAt) {
    }

    private final MongoTemplate mongo;

    public AlertStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(ALERTS).createIndex(new Index("subscriptionId", Sort.Direction.ASC).on("sequence", Sort.Direction.ASC));
    }

    /** The stored alert and whether this call stored it (false when an earlier delivery of the event did). */
    public record Stored(StoredAlert alert, boolean created) {
    }

    /** Stores the alert unless one with its id exists; returns what is stored either way. */
    public Stored storeOnce(String alertId, String subscriptionId, String kind, String body, Instant now) {
        Document onInsert = new Document("subscriptionId", subscriptionId)
                .append("kind", kind)
                .append("body", body)
                .append("createdAt", Date.from(now));
        UpdateResult result = mongo.getCollection(ALERTS).updateOne(new Document("_id", alertId),
                new Document("$setOnInsert", onInsert), new UpdateOptions().upsert(true));
        if (result.getUpsertedId() != null) {
            return new Stored(new StoredAlert(alertId, subscriptionId, kind, body, null, null, null), true);
        }
        return new Stored(toAlert(mongo.getCollection(ALERTS).find(new Document("_id", alertId)).first()), false);
    }

    /**
     * Gives the alert the next number of its subscription's sequence, unless it has one. A number
     * taken by a writer that then lost the race is never used: stream readers skip such gaps after a
     * grace period.
     */
    public StoredAlert sequence(StoredAlert alert, Instant now) {
        if (alert.sequence() != null) {
            return alert;
        }
        Document counter = mongo.getCollection(SEQUENCES).findOneAndUpdate(new Document("_id", alert.subscriptionId()),
                new Document("$inc", new Document("next", 1L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long next = ((Number) counter.get("next")).longValue();
        UpdateResult numbered = mongo.getCollection(ALERTS).updateOne(
                new Document("_id", alert.alertId()).append("sequence", new Document("$exists", false)),
                new Document("$set", new Document("sequence", next).append("sequencedAt", Date.from(now))));
        if (numbered.getModifiedCount() == 1) {
            return new StoredAlert(alert.alertId(), alert.subscriptionId(), alert.kind(), alert.body(), next, now, alert.publishedAt());
        }
        return toAlert(mongo.getCollection(ALERTS).find(new Document("_id", alert.alertId())).first());
    }

    public void markPublished(String alertId, Instant now) {
        mongo.getCollection(ALERTS).updateOne(new Document("_id", alertId),
                new Document("$set", new Document("publishedAt", Date.from(now))));
    }

    /** The subscription's alerts numbered after {@code afterSequence}, in sequence order. */
    public List<StoredAlert> after(String subscriptionId, long afterSequence, int limit) {
        Query query = Query.query(Criteria.where("subscriptionId").is(subscriptionId).and("sequence").gt(afterSequence))
                .with(Sort.by("sequence")).limit(limit);
        return mongo.find(query, Document.class, ALERTS).stream().map(AlertStore::toAlert).toList();
    }

    public long count() {
        return mongo.getCollection(ALERTS).countDocuments();
    }

    private static StoredAlert toAlert(@Nullable Document d) {
        if (d == null) {
            throw new IllegalStateException("An upserted alert must exist");
        }
        Number sequence = (Number) d.get("sequence");
        Date sequencedAt = d.getDate("sequencedAt");
        Date publishedAt = d.getDate("publishedAt");
        return new StoredAlert(d.getString("_id"), d.getString("subscriptionId"), d.getString("kind"), d.getString("body"),
                sequence == null ? null : sequence.longValue(), sequencedAt == null ? null : sequencedAt.toInstant(),
                publishedAt == null ? null : publishedAt.toInstant());
    }
}

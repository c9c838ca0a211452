package io.steppewire.notify.alerting;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.steppewire.notify.delivery.outbox.StoredAlerts;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Alerts, stored once under their deterministic id. Each alert of a subscription gets the next number
 * of that subscription's sequence, which orders its event stream across restarts and instances.
 */
@Repository
public class AlertStore implements StoredAlerts {

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
                              @Nullable Instant sequencedAt) {
    }

    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;

    public AlertStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(ALERTS).createIndex(new Index("subscriptionId", Sort.Direction.ASC).on("sequence", Sort.Direction.ASC));
        // Lets "this alert, if still unnumbered" be found by key: a store that only uses unique indexes would scan otherwise.
        mongo.indexOps(ALERTS).createIndex(new Index("_id", Sort.Direction.ASC).on("sequence", Sort.Direction.ASC).unique());
    }

    /** The stored alert and whether this call stored it (false when an earlier delivery of the event did). */
    public record Stored(StoredAlert alert, boolean created) {
    }

    /** An alert to store once. */
    public record NewAlert(String alertId, String subscriptionId, String kind, String body, Instant raisedAt) {
    }

    /**
     * Stores each alert unless one with its id exists, numbered in the same write: the numbers are reserved first (one
     * counter update per subscription), then one bulk insert-if-absent. Returns what is stored either way, in the order
     * given. Alert ids must be distinct. A repeat (an event delivered again) keeps its first number, and the number
     * reserved for it is never used: stream readers pass such gaps after a grace period.
     */
    public List<Stored> storeAll(List<NewAlert> alerts, Instant now) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> perSubscription = new LinkedHashMap<>();
        alerts.forEach(a -> perSubscription.merge(a.subscriptionId(), 1, Integer::sum));
        Map<String, Long> nextNumber = reserveNumbers(perSubscription);
        List<UpdateOneModel<Document>> inserts = new ArrayList<>(alerts.size());
        List<Long> numbers = new ArrayList<>(alerts.size());
        for (NewAlert alert : alerts) {
            long number = nextNumber.merge(alert.subscriptionId(), 1L, Long::sum) - 1;
            numbers.add(number);
            Document onInsert = new Document("subscriptionId", alert.subscriptionId())
                    .append("kind", alert.kind())
                    .append("body", alert.body())
                    .append("createdAt", Date.from(alert.raisedAt()))
                    .append("sequence", number)
                    .append("sequencedAt", Date.from(now));
            inserts.add(new UpdateOneModel<>(new Document("_id", alert.alertId()), new Document("$setOnInsert", onInsert),
                    new UpdateOptions().upsert(true)));
        }
        Set<Integer> created = new HashSet<>();
        mongo.getCollection(ALERTS).bulkWrite(inserts, UNORDERED).getUpserts().forEach(u -> created.add(u.getIndex()));
        Map<String, StoredAlert> existing = created.size() == alerts.size() ? Map.of()
                : byId(alerts.stream().map(NewAlert::alertId).toList());
        List<Stored> stored = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            NewAlert alert = alerts.get(i);
            stored.add(created.contains(i)
                    ? new Stored(new StoredAlert(alert.alertId(), alert.subscriptionId(), alert.kind(), alert.body(), numbers.get(i), now), true)
                    : new Stored(require(existing.get(alert.alertId())), false));
        }
        return stored;
    }

    /**
     * Numbers the alerts that have no number yet, in the order given: alerts stored unnumbered by a version before
     * numbering moved into the insert, met again when their event is redelivered. One counter update per subscription
     * and one bulk write. A number taken by a writer that then lost the race is never used.
     */
    public List<StoredAlert> sequenceAll(List<StoredAlert> alerts, Instant now) {
        Map<String, Integer> unnumbered = new LinkedHashMap<>();
        alerts.stream().filter(a -> a.sequence() == null).forEach(a -> unnumbered.merge(a.subscriptionId(), 1, Integer::sum));
        if (unnumbered.isEmpty()) {
            return alerts;
        }
        Map<String, Long> nextNumber = reserveNumbers(unnumbered);
        List<StoredAlert> numbered = new ArrayList<>(alerts.size());
        List<UpdateOneModel<Document>> numberings = new ArrayList<>();
        for (StoredAlert alert : alerts) {
            if (alert.sequence() != null) {
                numbered.add(alert);
                continue;
            }
            long number = nextNumber.merge(alert.subscriptionId(), 1L, Long::sum) - 1;
            numberings.add(new UpdateOneModel<>(new Document("_id", alert.alertId()).append("sequence", null),
                    new Document("$set", new Document("sequence", number).append("sequencedAt", Date.from(now)))));
            numbered.add(new StoredAlert(alert.alertId(), alert.subscriptionId(), alert.kind(), alert.body(), number, now));
        }
        if (mongo.getCollection(ALERTS).bulkWrite(numberings, UNORDERED).getMatchedCount() == numberings.size()) {
            return numbered;
        }
        // Another writer numbered some of them first: its numbers stand.
        Map<String, StoredAlert> current = byId(numbered.stream().map(StoredAlert::alertId).toList());
        return numbered.stream().map(a -> require(current.get(a.alertId()))).toList();
    }

    /**
     * Reserves {@code count} numbers of each subscription's counter, one find-and-modify per subscription: together,
     * on virtual threads, when a batch touches several subscriptions, so the batch waits for one round trip instead of
     * one per subscription (the numbering write that follows must come soon after the reservation, see the stream's
     * gap grace). Answers the first reserved number per subscription.
     */
    private Map<String, Long> reserveNumbers(Map<String, Integer> counts) {
        Map<String, Long> first = new ConcurrentHashMap<>();
        if (counts.size() == 1) {
            counts.forEach((subscriptionId, count) -> first.put(subscriptionId, reserve(subscriptionId, count)));
            return first;
        }
        try (ExecutorService reservations = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> pending = new ArrayList<>(counts.size());
            counts.forEach((subscriptionId, count) -> pending.add(reservations.submit(() -> first.put(subscriptionId, reserve(subscriptionId, count)))));
            for (Future<?> reservation : pending) {
                reservation.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while numbering alerts", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        return first;
    }

    private long reserve(String subscriptionId, int count) {
        Document counter = mongo.getCollection(SEQUENCES).findOneAndUpdate(new Document("_id", subscriptionId),
                new Document("$inc", new Document("next", (long) count)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return requireCounter(counter) - count + 1;
    }

    private Map<String, StoredAlert> byId(List<String> alertIds) {
        Map<String, StoredAlert> found = new HashMap<>();
        mongo.getCollection(ALERTS).find(new Document("_id", new Document("$in", alertIds)))
                .forEach(d -> found.put(d.getString("_id"), toAlert(d)));
        return found;
    }

    private static StoredAlert require(@Nullable StoredAlert alert) {
        if (alert == null) {
            throw new IllegalStateException("An upserted alert must exist");
        }
        return alert;
    }

    private static long requireCounter(@Nullable Document counter) {
        if (counter == null) {
            throw new IllegalStateException("An upserted sequence counter must exist");
        }
        return ((Number) counter.get("next")).longValue();
    }

    /** The subscription's alerts numbered after {@code afterSequence}, in sequence order. */
    public List<StoredAlert> after(String subscriptionId, long afterSequence, int limit) {
        Query query = Query.query(Criteria.where("subscriptionId").is(subscriptionId).and("sequence").gt(afterSequence))
                .with(Sort.by("sequence")).limit(limit);
        return mongo.find(query, Document.class, ALERTS).stream().map(AlertStore::toAlert).toList();
    }

    @Override
    public Map<String, String> bodies(List<String> alertIds) {
        Map<String, String> bodies = new HashMap<>();
        if (!alertIds.isEmpty()) {
            mongo.getCollection(ALERTS).find(new Document("_id", new Document("$in", alertIds)))
                    .projection(new Document("body", 1)).forEach(d -> bodies.put(d.getString("_id"), d.getString("body")));
        }
        return bodies;
    }

    public long count() {
        return mongo.getCollection(ALERTS).countDocuments();
    }

    private static StoredAlert toAlert(Document d) {
        Number sequence = (Number) d.get("sequence");
        Date sequencedAt = d.getDate("sequencedAt");
        return new StoredAlert(d.getString("_id"), d.getString("subscriptionId"), d.getString("kind"), d.getString("body"),
                sequence == null ? null : sequence.longValue(), sequencedAt == null ? null : sequencedAt.toInstant());
    }
}

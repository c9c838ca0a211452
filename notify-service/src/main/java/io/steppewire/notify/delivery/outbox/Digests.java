package io.steppewire.notify.delivery.outbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import io.steppewire.notify.subscription.Digest;
import io.steppewire.notify.subscription.QuietHours;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Messages that hold many alerts: a subscription's <em>digest</em> (daily or weekly), and the <em>roll-up</em> of the
 * alerts an hour's {@code maxPerHour} held back. Each is one delivery of the outbox, sent, retried and recorded like an
 * alert's, under a deterministic id made of its subscription, its kind and the time it is due (its <em>slot</em>): a
 * crash and restart at that hour sends the same message id again, never a second message.
 * <p>
 * What a message holds is one document in {@code digests}, its <em>bucket</em>: alerts are added to it
 * ({@code $addToSet}, only while it is open), and the worker that takes its delivery <em>seals</em> it (one
 * find-and-modify) and sends exactly what it holds; every later attempt reads the same sealed list. Single-document
 * atomicity gives each alert exactly one message: an addition either lands before the seal, and is sent with it, or
 * finds the bucket sealed and goes on to the next slot's. Where an alert goes is decided from the time it was first
 * raised, so a repeated event walks the same buckets and finds where the alert went. A bucket holds at most
 * {@link #MAX_PER_MESSAGE} alerts; more make a second part of the same slot, a message of its own.
 * <p>
 * The bucket is written before its delivery, and a repeated event writes the delivery again (insert-if-absent), so a
 * crash between the two loses nothing. A delivery written again after it finished is removed by the next poll, which
 * finds its history.
 */
@Repository
public class Digests {

    static final String COLLECTION = "digests";
    public static final String KIND_DIGEST = "digest";
    public static final String KIND_ROLLUP = "rollup";
    /** Alerts per message part: a message stays readable and its bucket far below 16 MB (ids only, about 70 bytes each). */
    public static final int MAX_PER_MESSAGE = 500;
    /**
     * How long a sent message's bucket is kept: a redelivered event finds where its alert went. Later, the message's
     * delivery history (kept) still stops a second sending: the bucket made again is never sealed, as its delivery is
     * removed on sight.
     */
    static final Duration KEPT_FOR = Duration.ofDays(35);

    /**
     * How a subscription's alerts are bundled: the kind of message, the slot an alert raised at a time goes into (the
     * first slot strictly after it), the slot before a slot (where its period began), and the quiet hours that hold a
     * message due inside them until they end.
     */
    public record Cadence(String kind, UnaryOperator<Instant> slotAfter, UnaryOperator<Instant> previous,
                          @Nullable QuietHours quietHours) {

        public static Cadence digest(Digest digest, @Nullable QuietHours quietHours) {
            return new Cadence(KIND_DIGEST, digest::slotAfter, digest::previous, quietHours);
        }

        /** The end of the clock hour (UTC) an alert was raised in. */
        public static Cadence rollup(@Nullable QuietHours quietHours) {
            return new Cadence(KIND_ROLLUP, t -> t.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)), slot -> slot.minus(Duration.ofHours(1)),
                    quietHours);
        }

        Instant dueAt(Instant slot) {
            return quietHours == null ? slot : quietHours.heldUntil(slot).orElse(slot);
        }
    }

    /**
     * An alert to bundle, with the time it was first raised and where its subscription's messages go. {@code fresh}:
     * the alert was stored just now, so no message can hold it yet and none is asked.
     */
    public record Entry(String alertId, String subscriptionId, String channel, String endpoint, Instant raisedAt, Cadence cadence,
                        boolean fresh) {

        /** An alert that may have been bundled before (its event repeated). */
        public Entry(String alertId, String subscriptionId, String channel, String endpoint, Instant raisedAt, Cadence cadence) {
            this(alertId, subscriptionId, channel, endpoint, raisedAt, cadence, false);
        }
    }

    /** A sealed message: what it holds for good. */
    public record Sealed(String id, String subscriptionId, String kind, Instant from, Instant to, List<String> alertIds) {
    }

    private final MongoTemplate mongo;
    private final DeliveryOutbox outbox;
    private final Clock clock;

    public Digests(MongoTemplate mongo, DeliveryOutbox outbox, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
        // A repeated event asks which bucket holds its alerts.
        mongo.indexOps(COLLECTION).createIndex(new Index("alertIds", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index("to", Sort.Direction.ASC));
    }

    /** Removes sealed buckets of messages due more than {@link #KEPT_FOR} ago. */
    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT10M")
    public void forgetOldMessages() {
        forgetSealedBefore(clock.instant().minus(KEPT_FOR));
    }

    long forgetSealedBefore(Instant before) {
        return buckets().deleteMany(new Document("sealed", true).append("to", new Document("$lt", Date.from(before)))).getDeletedCount();
    }

    private MongoCollection<Document> buckets() {
        return mongo.getCollection(COLLECTION);
    }

    /** Whether a delivery id is a message of many alerts rather than one alert's. */
    public static boolean isBundle(String deliveryId) {
        return deliveryId.startsWith(KIND_DIGEST + ".") || deliveryId.startsWith(KIND_ROLLUP + ".");
    }

    /**
     * The message id: kind, subscription, slot (unix seconds) and part, dot-separated, so that it also serves as the
     * left part of an e-mail {@code Message-ID}.
     */
    static String bundleId(String kind, String subscriptionId, Instant slot, int part) {
        return kind + "." + subscriptionId + "." + slot.getEpochSecond() + "." + part;
    }

    /**
     * Puts each alert into the open message of its subscription whose period it was raised in (or the next that is
     * still open), and queues that message's delivery, due at its slot. Alerts already in a message stay there; their
     * message's delivery is queued again if it is missing. Idempotent.
     */
    public void place(List<Entry> entries, Instant now) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, Entry> byAlert = new LinkedHashMap<>();
        entries.forEach(e -> byAlert.putIfAbsent(e.alertId(), e));
        Map<String, DeliveryOutbox.BundleDelivery> toQueue = new LinkedHashMap<>();
        List<String> maybePlaced = byAlert.values().stream().filter(e -> !e.fresh()).map(Entry::alertId).toList();
        Iterable<Document> holding = maybePlaced.isEmpty() ? List.of()
                : buckets().find(new Document("alertIds", new Document("$in", maybePlaced)));
        for (Document bucket : holding) {
            for (String id : bucket.getList("alertIds", String.class)) {
                Entry placed = byAlert.remove(id);
                if (placed != null) {
                    toQueue.putIfAbsent(bucket.getString("_id"), delivery(bucket.getString("_id"), placed, bucket.getDate("dueAt").toInstant(), now));
                }
            }
        }
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry e : byAlert.values()) {
            Instant slot = e.cadence().slotAfter().apply(e.raisedAt());
            groups.computeIfAbsent(e.cadence().kind() + "|" + e.subscriptionId() + "|" + slot.getEpochSecond(), k -> new ArrayList<>()).add(e);
        }
        for (List<Entry> group : groups.values()) {
            for (int from = 0; from < group.size(); from += MAX_PER_MESSAGE) {
                placeTogether(group.subList(from, Math.min(group.size(), from + MAX_PER_MESSAGE)), now, toQueue);
            }
        }
        outbox.queueBundles(List.copyOf(toQueue.values()));
    }

    /** Alerts of one subscription, kind and slot, at most one part's worth. */
    private void placeTogether(List<Entry> together, Instant now, Map<String, DeliveryOutbox.BundleDelivery> toQueue) {
        Entry first = together.getFirst();
        Cadence cadence = first.cadence();
        Instant slot = cadence.slotAfter().apply(first.raisedAt());
        int part = 1;
        List<Entry> left = together;
        while (!left.isEmpty()) {
            String id = bundleId(cadence.kind(), first.subscriptionId(), slot, part);
            List<String> ids = left.stream().map(Entry::alertId).toList();
            Instant dueAt = cadence.dueAt(slot);
            try {
                buckets().updateOne(new Document("_id", id).append("sealed", false)
                                .append("count", new Document("$lte", MAX_PER_MESSAGE - ids.size())),
                        new Document("$addToSet", new Document("alertIds", new Document("$each", ids)))
                                .append("$inc", new Document("count", ids.size()))
                                .append("$setOnInsert", new Document("subscriptionId", first.subscriptionId()).append("kind", cadence.kind())
                                        .append("from", Date.from(cadence.previous().apply(slot))).append("to", Date.from(slot))
                                        .append("dueAt", Date.from(dueAt)).append("part", part).append("createdAt", Date.from(now))),
                        new UpdateOptions().upsert(true));
                toQueue.putIfAbsent(id, delivery(id, first, dueAt, now));
                return;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            // Sealed, or too full for all of them: those a racing writer put there stay; the others go on.
            Document bucket = buckets().find(new Document("_id", id)).first();
            if (bucket == null) {
                continue;
            }
            Set<String> held = new HashSet<>(bucket.getList("alertIds", String.class, List.of()));
            if (left.stream().anyMatch(e -> held.contains(e.alertId()))) {
                toQueue.putIfAbsent(id, delivery(id, first, bucket.getDate("dueAt").toInstant(), now));
            }
            left = left.stream().filter(e -> !held.contains(e.alertId())).toList();
            if (Boolean.TRUE.equals(bucket.getBoolean("sealed"))) {
                slot = cadence.slotAfter().apply(slot);
                part = 1;
            } else {
                part++;
            }
        }
    }

    private static DeliveryOutbox.BundleDelivery delivery(String id, Entry entry, Instant dueAt, Instant now) {
        return new DeliveryOutbox.BundleDelivery(id, entry.subscriptionId(), entry.channel(), entry.endpoint(), dueAt, now);
    }

    /** Those of the alerts that some message holds already. */
    public Set<String> holding(List<String> alertIds) {
        Set<String> held = new HashSet<>();
        if (alertIds.isEmpty()) {
            return held;
        }
        Set<String> asked = new HashSet<>(alertIds);
        for (Document bucket : buckets().find(new Document("alertIds", new Document("$in", alertIds))).projection(new Document("alertIds", 1))) {
            bucket.getList("alertIds", String.class).stream().filter(asked::contains).forEach(held::add);
        }
        return held;
    }

    /**
     * Seals the message (nothing is added to it any more) and answers what it holds, the same on every call. A message
     * whose bucket is missing (a crash between queueing its delivery and its first alert, which the repeated event
     * then puts into the next message) is sealed empty.
     */
    public Sealed seal(String id) {
        Document bucket = buckets().findOneAndUpdate(new Document("_id", id), new Document("$set", new Document("sealed", true)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        String[] parts = id.split("\\.");
        Instant to = bucket.getDate("to") == null ? Instant.ofEpochSecond(Long.parseLong(parts[parts.length - 2])) : bucket.getDate("to").toInstant();
        Instant from = bucket.getDate("from") == null ? to : bucket.getDate("from").toInstant();
        String subscriptionId = bucket.getString("subscriptionId") == null ? parts[1] : bucket.getString("subscriptionId");
        String kind = bucket.getString("kind") == null ? parts[0] : bucket.getString("kind");
        return new Sealed(id, subscriptionId, kind, from, to, List.copyOf(bucket.getList("alertIds", String.class, List.of())));
    }

    /** The alert ids each of these messages holds (so far, while open), by message id; one query. */
    public Map<String, List<String>> holdings(List<String> bundleIds) {
        Map<String, List<String>> messages = new HashMap<>();
        List<String> ids = bundleIds.stream().filter(Digests::isBundle).toList();
        if (!ids.isEmpty()) {
            buckets().find(new Document("_id", new Document("$in", ids))).projection(new Document("alertIds", 1))
                    .forEach(d -> messages.put(d.getString("_id"), d.getList("alertIds", String.class, List.of())));
        }
        return messages;
    }

    /** The alert ids each message of the subscription holds, by message id. */
    public Map<String, List<String>> ofSubscription(String subscriptionId) {
        Map<String, List<String>> messages = new HashMap<>();
        buckets().find(new Document("subscriptionId", subscriptionId))
                .forEach(d -> messages.put(d.getString("_id"), d.getList("alertIds", String.class, List.of())));
        return messages;
    }
}

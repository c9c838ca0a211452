package io.steppewire.notify.delivery.outbox;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import io.steppewire.notify.subscription.Subscription;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Decides how each alert to push is sent, by its subscription's delivery settings: at once (held by quiet hours, if
 * any), in the subscription's next digest, or, past {@code maxPerHour} alerts in a clock hour, in the roll-up sent
 * when the hour ends. A repeated alert (its event redelivered) that was already queued, sent or bundled stays where it
 * is, whatever the subscription says now, so no alert goes into two messages.
 */
@Component
public class DeliveryPlanner {

    /** Alerts pushed one by one per subscription and clock hour; each document expires after its hour. */
    static final String COUNTERS = "delivery_counters";

    /**
     * An alert to push: its delivery, whether the alert was stored just now ({@code fresh}) or before (a repeated
     * event), its subscription, and when it was first raised.
     */
    public record Push(DeliveryOutbox.NewDelivery delivery, boolean fresh, Subscription subscription, Instant raisedAt) {
    }

    private final DeliveryOutbox outbox;
    private final DeliveryWorker worker;
    private final Digests digests;
    private final MongoTemplate mongo;

    public DeliveryPlanner(DeliveryOutbox outbox, DeliveryWorker worker, Digests digests, MongoTemplate mongo) {
        this.outbox = outbox;
        this.worker = worker;
        this.digests = digests;
        this.mongo = mongo;
        // Real MongoDB removes a counter once its hour is long over; a store without TTL indexes keeps a small document.
        mongo.getCollection(COUNTERS).createIndex(Indexes.ascending("expireAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /**
     * Queues the pushes; answers the deliveries whose first attempts started before anything of them was written,
     * which the caller must {@link #settle} before committing its event's offset.
     */
    public List<DeliveryOutbox.Claim> queue(List<Push> pushes, Instant now) {
        List<DeliveryOutbox.NewDelivery> fresh = new ArrayList<>();
        List<DeliveryOutbox.NewDelivery> repeated = new ArrayList<>();
        List<Push> paced = new ArrayList<>();
        List<Push> pacedRepeats = new ArrayList<>();
        for (Push push : pushes) {
            boolean pacedNow = push.subscription().digest() != null || push.subscription().maxPerHour() != null;
            if (!pacedNow) {
                (push.fresh() ? fresh : repeated).add(push.delivery());
            } else {
                (push.fresh() ? paced : pacedRepeats).add(push);
            }
        }
        if (!pacedRepeats.isEmpty()) {
            // Queued or sent one by one before (the subscription changed, or the hour's limit was not reached): not again.
            Set<String> missing = new HashSet<>();
            outbox.missing(pacedRepeats.stream().map(Push::delivery).toList()).forEach(d -> missing.add(d.alertId()));
            pacedRepeats.stream().filter(p -> missing.contains(p.delivery().alertId())).forEach(paced::add);
        }
        List<Digests.Entry> bundled = new ArrayList<>();
        Map<String, List<Push>> limited = new LinkedHashMap<>();
        for (Push push : paced) {
            Subscription s = push.subscription();
            if (s.digest() != null) {
                bundled.add(entry(push, Digests.Cadence.digest(s.digest(), s.quietHours())));
            } else {
                Instant hour = push.raisedAt().truncatedTo(ChronoUnit.HOURS);
                limited.computeIfAbsent(s.id() + "|" + hour.getEpochSecond(), k -> new ArrayList<>()).add(push);
            }
        }
        if (!limited.isEmpty()) {
            // A repeated alert already in a roll-up stays there (placing it again finds it) and takes nothing of the limit.
            Set<String> held = digests.holding(limited.values().stream().flatMap(List::stream).filter(p -> !p.fresh())
                    .map(p -> p.delivery().alertId()).toList());
            for (List<Push> hourOfOne : limited.values()) {
                List<Push> counted = new ArrayList<>();
                for (Push p : hourOfOne) {
                    if (held.contains(p.delivery().alertId())) {
                        bundled.add(entry(p, Digests.Cadence.rollup(p.subscription().quietHours())));
                    } else {
                        counted.add(p);
                    }
                }
                int allowed = take(counted);
                for (int i = 0; i < counted.size(); i++) {
                    Push p = counted.get(i);
                    if (i < allowed) {
                        fresh.add(p.delivery());
                    } else {
                        bundled.add(entry(p, Digests.Cadence.rollup(p.subscription().quietHours())));
                    }
                }
            }
        }
        // Bundled first, so that no attempt has started when placing them fails and the event is redelivered.
        digests.place(bundled, now);
        return worker.enqueue(fresh, repeated, now);
    }

    /** See {@link DeliveryWorker#settle}. */
    public void settle(List<DeliveryOutbox.Claim> firstAttempts) {
        worker.settle(firstAttempts);
    }

    /** How many of these alerts (one subscription, one hour) may still go one by one: one find-and-modify. */
    private int take(List<Push> counted) {
        if (counted.isEmpty()) {
            return 0;
        }
        Push first = counted.getFirst();
        Instant hour = first.raisedAt().truncatedTo(ChronoUnit.HOURS);
        Document counter = mongo.getCollection(COUNTERS).findOneAndUpdate(
                new Document("_id", first.subscription().id() + ":" + hour.getEpochSecond()),
                new Document("$inc", new Document("count", counted.size()))
                        .append("$setOnInsert", new Document("expireAt", Date.from(hour.plus(Duration.ofHours(2))))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        int before = ((Number) counter.get("count")).intValue() - counted.size();
        int max = first.subscription().maxPerHour() == null ? Integer.MAX_VALUE : first.subscription().maxPerHour();
        return Math.clamp((long) max - before, 0, counted.size());
    }

    private static Digests.Entry entry(Push push, Digests.Cadence cadence) {
        DeliveryOutbox.NewDelivery d = push.delivery();
        return new Digests.Entry(d.alertId(), d.subscriptionId(), d.channel(), d.endpoint(), push.raisedAt(), cadence, push.fresh());
    }
}

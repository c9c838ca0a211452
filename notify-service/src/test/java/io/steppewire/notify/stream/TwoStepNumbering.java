package io.steppewire.notify.stream;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.steppewire.notify.alerting.AlertStore;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Numbers alerts in the two steps {@link AlertStore} takes, writing exactly what it writes, so that a
 * test can interleave them the way two instances do: reserve a number from the subscription's counter,
 * then write it on the alert.
 */
final class TwoStepNumbering {

    // AlertStore's collections, which it keeps to itself.
    private static final String ALERTS = "alerts";
    private static final String SEQUENCES = "alert_sequences";

    private final MongoTemplate mongo;
    private final AlertStore store;

    TwoStepNumbering(MongoTemplate mongo, AlertStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    /** Stores an unnumbered alert whose body names it. */
    void store(String subscriptionId, String alertId, Instant raisedAt) {
        store.storeAll(List.of(new AlertStore.NewAlert(alertId, subscriptionId, "article",
                "{\"alertId\":\"" + alertId + "\"}", raisedAt)));
    }

    /** Takes the subscription's next number. */
    long reserve(String subscriptionId) {
        Document counter = mongo.getCollection(SEQUENCES).findOneAndUpdate(new Document("_id", subscriptionId),
                new Document("$inc", new Document("next", 1L)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        if (counter == null) {
            throw new IllegalStateException("An upserted counter must exist");
        }
        return ((Number) counter.get("next")).longValue();
    }

    /** Writes a reserved number on the alert, if it is still unnumbered, as read by a writer's clock at {@code sequencedAt}. */
    void write(String alertId, long number, Instant sequencedAt) {
        mongo.getCollection(ALERTS).updateOne(new Document("_id", alertId).append("sequence", null),
                new Document("$set", new Document("sequence", number).append("sequencedAt", Date.from(sequencedAt))));
    }

    /** Stores, reserves and writes in one go: an alert numbered without a race. */
    long storeNumbered(String subscriptionId, String alertId, Instant now) {
        store(subscriptionId, alertId, now);
        long number = reserve(subscriptionId);
        write(alertId, number, now);
        return number;
    }
}

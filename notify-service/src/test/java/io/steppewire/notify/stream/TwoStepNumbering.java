package io.steppewire.notify.stream;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import io.steppewire.notify.alerting.AlertStore;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Stores alerts in the two steps {@link AlertStore} takes, writing exactly what it writes, so that a
 * test can interleave them the way two instances do: reserve a number from the subscription's counter,
 * then insert the alert with it.
 */
final class TwoStepNumbering {

    // AlertStore's collections, which it keeps to itself.
    private static final String ALERTS = "alerts";
    private static final String SEQUENCES = "alert_sequences";

    private final MongoTemplate mongo;
    /** Alerts raised and not yet written, with their subscription and when they were raised. */
    private final Map<String, Map.Entry<String, Instant>> raised = new HashMap<>();

    TwoStepNumbering(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Raises an alert whose body names it; nothing is written until its number is. */
    void store(String subscriptionId, String alertId, Instant raisedAt) {
        raised.put(alertId, Map.entry(subscriptionId, raisedAt));
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

    /** Inserts the raised alert with a reserved number, unless it exists, as read by a writer's clock at {@code sequencedAt}. */
    void write(String alertId, long number, Instant sequencedAt) {
        Map.Entry<String, Instant> alert = Objects.requireNonNull(raised.remove(alertId), "raised first: " + alertId);
        mongo.getCollection(ALERTS).updateOne(new Document("_id", alertId),
                new Document("$setOnInsert", new Document("subscriptionId", alert.getKey()).append("kind", "article")
                        .append("body", "{\"alertId\":\"" + alertId + "\"}").append("createdAt", Date.from(alert.getValue()))
                        .append("sequence", number).append("sequencedAt", Date.from(sequencedAt))),
                new UpdateOptions().upsert(true));
    }

    /** Stores, reserves and writes in one go: an alert numbered without a race. */
    long storeNumbered(String subscriptionId, String alertId, Instant now) {
        store(subscriptionId, alertId, now);
        long number = reserve(subscriptionId);
        write(alertId, number, now);
        return number;
    }
}

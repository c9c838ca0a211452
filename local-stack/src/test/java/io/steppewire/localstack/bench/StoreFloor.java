package io.steppewire.localstack.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

import java.util.Date;
import java.util.List;

/**
 * The store's floor: bare driver writes to the stack's own store, in a database of this run (dropped on close), of the
 * shape the services write: per quote alert, notify's three (the change's history entry as a {@code $setOnInsert}
 * upsert by change id, the alert and its pending delivery as upserts by alert id), and per article, article-service's
 * {@code $set} upsert of the article by id.
 */
final class StoreFloor implements AutoCloseable {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoClient client;
    private final MongoDatabase database;

    StoreFloor(String uri, String run) {
        client = MongoClients.create(uri);
        database = client.getDatabase("bench_floor_" + run);
    }

    /** The three writes of one rate alert. */
    void writeRateAlert(String source, int n) {
        String changeId = source + "-" + n;
        Date now = new Date();
        database.getCollection("rate_change_history").updateOne(new Document("_id", changeId), new Document("$setOnInsert",
                new Document("pair", "KZT/USD").append("source", source).append("asOf", now).append("detectedAt", now)
                        .append("change", new Document("previousRate", "0.00200").append("rate", "0.00204").append("decimals", 5)
                                .append("naiveChangePct", "2.0").append("low", "1.74").append("high", "2.26"))), UPSERT);
        String alertId = "alert-" + changeId;
        database.getCollection("alerts").updateOne(new Document("_id", alertId), new Document("$set",
                new Document("subscriptionId", "bench").append("kind", "rate").append("eventId", changeId).append("raisedAt", now)
                        .append("matchedOn", List.of("pair:KZT/USD either 1%"))), UPSERT);
        database.getCollection("deliveries").updateOne(new Document("_id", alertId), new Document("$set",
                new Document("status", "pending").append("endpoint", "http://127.0.0.1").append("dueAt", now).append("attempts", 0)), UPSERT);
    }

    /** The write of one stored article. */
    void writeArticle(String id, String title, String body) {
        Date now = new Date();
        database.getCollection("articles").updateOne(new Document("_id", id), new Document("$set",
                new Document("title", title).append("source", "bench").append("firstSeenAt", now).append("countries", List.of("UZ"))
                        .append("tags", List.of("energy")).append("paragraphs", List.of(body))), UPSERT);
    }

    @Override
    public void close() {
        database.drop();
        client.close();
    }
}

package io.steppewire.notify.history;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RatePoint;
import io.steppewire.notify.matching.RateHistory;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every rate change notify consumed, kept for {@link HistoryProperties#retention()}: one document per change, under its
 * deterministic id, so a redelivered change is stored once. The change is kept as plain fields
 * ({@link RateChangeDocuments}), next to the indexed fields the look-ups filter on (pair, source, the new quote's
 * {@code asOf}, detection time).
 */
@Repository
public class RateChangeHistory implements RateHistory {

    static final String COLLECTION = "rate_change_history";
    /** Changes per reply: well under a reply's limit however long the period. */
    private static final int BATCH = 2_000;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    /** Tickers quoting one pair in one day: far fewer in practice; bounds the divergence look-up. */
    private static final int MAX_TICKER_QUOTES_READ = 500;

    private final MongoTemplate mongo;
    private final HistoryProperties properties;
    private final Clock clock;

    public RateChangeHistory(MongoTemplate mongo, HistoryProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index("pair", Sort.Direction.ASC).on("source", Sort.Direction.ASC)
                .on("asOf", Sort.Direction.DESC));
        mongo.indexOps(COLLECTION).createIndex(new Index("pair", Sort.Direction.ASC).on("detectedAt", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index("detectedAt", Sort.Direction.ASC));
    }

    /** Idempotent: one bulk write of upserts keyed by change id. */
    public void rememberAll(List<RateChanged> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> upserts = new ArrayList<>(changes.size());
        for (RateChanged change : changes) {
            Document fields = new Document("pair", change.pair())
                    .append("source", change.source())
                    .append("asOf", Date.from(change.current().asOf()))
                    .append("detectedAt", Date.from(change.detectedAt()))
                    .append("change", RateChangeDocuments.of(change));
            upserts.add(new UpdateOneModel<>(new Document("_id", change.changeId()), new Document("$setOnInsert", fields),
                    new UpdateOptions().upsert(true)));
        }
        mongo.getCollection(COLLECTION).bulkWrite(upserts, UNORDERED);
    }

    /** The changes detected in [{@code from}, {@code to}), oldest first, optionally of some pairs only. */
    public List<RateChanged> detectedBetween(Instant from, Instant to, Set<String> pairs) {
        Document filter = new Document("detectedAt", new Document("$gte", Date.from(from)).append("$lt", Date.from(to)));
        if (!pairs.isEmpty()) {
            filter.append("pair", new Document("$in", List.copyOf(pairs)));
        }
        List<RateChanged> changes = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(filter).sort(new Document("detectedAt", 1)).batchSize(BATCH)
                .forEach(d -> changes.add(read(d)));
        return changes;
    }

    @Override
    public Optional<RatePoint> inForceAt(String pair, String source, Instant at) {
        Document latest = mongo.getCollection(COLLECTION)
                .find(new Document("pair", pair).append("source", source).append("asOf", new Document("$lte", Date.from(at))))
                .sort(new Document("asOf", -1)).limit(1).first();
        if (latest != null) {
            return Optional.of(read(latest).current());
        }
        // The history starts after the moment: its first change's earlier quote is the oldest rate known.
        Document earliest = mongo.getCollection(COLLECTION).find(new Document("pair", pair).append("source", source))
                .sort(new Document("asOf", 1)).limit(1).first();
        return Optional.ofNullable(earliest).map(d -> read(d).previous());
    }

    @Override
    public Optional<SourcedPoint> latestOf(String pair, Set<String> sources, Instant from, Instant to) {
        Document latest = mongo.getCollection(COLLECTION)
                .find(new Document("pair", pair).append("source", new Document("$in", List.copyOf(sources)))
                        .append("asOf", new Document("$gte", Date.from(from)).append("$lt", Date.from(to))))
                .sort(new Document("asOf", -1)).limit(1).first();
        return Optional.ofNullable(latest).map(d -> new SourcedPoint(d.getString("source"), read(d).current()));
    }

    @Override
    public List<SourcedPoint> latestOfEachOther(String pair, Set<String> excluded, Instant from, Instant to) {
        Map<String, SourcedPoint> latest = new LinkedHashMap<>();
        mongo.getCollection(COLLECTION)
                .find(new Document("pair", pair).append("source", new Document("$nin", List.copyOf(excluded)))
                        .append("asOf", new Document("$gte", Date.from(from)).append("$lt", Date.from(to))))
                .sort(new Document("asOf", -1)).limit(MAX_TICKER_QUOTES_READ)
                .forEach(d -> latest.putIfAbsent(d.getString("source"), new SourcedPoint(d.getString("source"), read(d).current())));
        return List.copyOf(latest.values());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void forgetOldChanges() {
        mongo.getCollection(COLLECTION).deleteMany(new Document("detectedAt",
                new Document("$lt", Date.from(clock.instant().minus(properties.retention())))));
    }

    private static RateChanged read(Document document) {
        return RateChangeDocuments.read(document, document.getString("pair"), document.getString("source"));
    }
}

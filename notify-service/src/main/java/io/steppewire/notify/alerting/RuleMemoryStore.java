package io.steppewire.notify.alerting;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import io.steppewire.events.fx.RatePoint;
import io.steppewire.notify.matching.RuleMemory;
import io.steppewire.notify.matching.RuleState;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' memory in MongoDB, shared by every instance and kept across restarts: one document per subscription and
 * rule, keyed by {@link RuleMemory#key}, replaced whole (an upsert) after each change that alters it. A document is
 * small and bounded: {@link RuleState#FIRED_BY_KEPT} change ids and at most {@link RuleState#MAX_SOURCES} sources.
 * Rate changes are keyed by pair, so one consumer at a time judges a pair's rules: the writes do not race.
 */
@Repository
public class RuleMemoryStore implements RuleMemory {

    static final String COLLECTION = "rule_states";
    /** Memories untouched this long belong to rules no quote has reached for two months, or to deleted subscriptions. */
    static final Duration IDLE_LIMIT = Duration.ofDays(62);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;
    private final Clock clock;

    public RuleMemoryStore(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index("updatedAt", Sort.Direction.ASC));
    }

    @Override
    public Map<String, RuleState> load(Collection<String> keys) {
        Map<String, RuleState> states = new HashMap<>();
        if (keys.isEmpty()) {
            return states;
        }
        mongo.getCollection(COLLECTION).find(new Document("_id", new Document("$in", List.copyOf(keys))))
                .forEach(d -> states.put(d.getString("_id"), toState(d)));
        return states;
    }

    @Override
    public void save(Map<String, RuleState> states) {
        if (states.isEmpty()) {
            return;
        }
        Date now = Date.from(clock.instant());
        List<ReplaceOneModel<Document>> writes = new ArrayList<>(states.size());
        states.forEach((key, state) -> writes.add(new ReplaceOneModel<>(new Document("_id", key), toDocument(state).append("updatedAt", now),
                new ReplaceOptions().upsert(true))));
        mongo.getCollection(COLLECTION).bulkWrite(writes, UNORDERED);
    }

    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT5M")
    public void forgetIdleMemories() {
        mongo.getCollection(COLLECTION).deleteMany(new Document("updatedAt", new Document("$lt", Date.from(clock.instant().minus(IDLE_LIMIT)))));
    }

    private static Document toDocument(RuleState state) {
        // Sources as a list, not a map: a source name may hold a '.', which a field name must not.
        List<Document> sources = new ArrayList<>();
        state.sources().forEach((name, source) -> {
            Document entry = new Document("source", name).append("armed", source.armed())
                    .append("lastAsOf", source.lastAsOf() == null ? null : Date.from(source.lastAsOf()));
            RatePoint reference = source.reference();
            if (reference != null) {
                entry.append("reference", new Document("rate", reference.rate().toPlainString()).append("decimals", reference.decimals())
                        .append("rateLow", reference.rateLow().toPlainString()).append("rateHigh", reference.rateHigh().toPlainString())
                        .append("asOf", Date.from(reference.asOf())).append("quoteId", reference.quoteId()));
            }
            sources.add(entry);
        });
        return new Document("lastFiredAt", state.lastFiredAt() == null ? null : Date.from(state.lastFiredAt()))
                .append("firedBy", state.firedBy())
                .append("sources", sources);
    }

    private static RuleState toState(Document document) {
        Map<String, RuleState.SourceState> sources = new HashMap<>();
        for (Document entry : document.getList("sources", Document.class, List.of())) {
            Document reference = entry.get("reference", Document.class);
            sources.put(entry.getString("source"), new RuleState.SourceState(entry.getBoolean("armed", true),
                    reference == null ? null : toPoint(reference), instant(entry.getDate("lastAsOf"))));
        }
        return new RuleState(instant(document.getDate("lastFiredAt")), document.getList("firedBy", String.class, List.of()), sources);
    }

    private static RatePoint toPoint(Document d) {
        return new RatePoint(new BigDecimal(d.getString("rate")), d.getInteger("decimals", 0), new BigDecimal(d.getString("rateLow")),
                new BigDecimal(d.getString("rateHigh")), d.getDate("asOf").toInstant(), d.getString("quoteId"));
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }
}

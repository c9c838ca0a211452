package io.steppewire.article.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes documents keyed by deterministic ids so that a replay changes nothing and older data never
 * replaces newer data, with every write decided by the store itself (so two instances cannot race):
 * <ol>
 * <li>ids not stored yet are inserted; an insert that finds the id taken (another instance was faster)
 * falls through to the next step;</li>
 * <li>stored ids are replaced only under the filter "stored is older than mine", which the store
 * checks atomically; a miss means the stored data is as new or newer.</li>
 * </ol>
 * The first step is split out because the embedded store (mongo-java-server) uses its {@code _id}
 * index only for a plain {@code _id} lookup: a combined filter would scan the whole collection for
 * every new document.
 */
public final class ConditionalUpserts {

    /** For lookup documents: insert when absent, else update. */
    public static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private static final String ID = "_id";
    private static final int LOOKUP_SLICE = 500;

    /**
     * One document to write.
     *
     * @param id            its {@code _id}
     * @param document      the whole document, {@code _id} included
     * @param storedIsOlder the condition under which it replaces a stored one; null when a stored one is
     *                      always the same fact (the id covers everything it says)
     */
    public record Upsert(String id, Document document, @Nullable Bson storedIsOlder) {
    }

    public static UpsertOutcome run(MongoCollection<Document> collection, List<Upsert> upserts) {
        if (upserts.isEmpty()) {
            return UpsertOutcome.NOTHING;
        }
        Set<String> stored = new HashSet<>();
        // In slices: the embedded store checks every document it finds against the whole $in list.
        for (int from = 0; from < upserts.size(); from += LOOKUP_SLICE) {
            collection.find(Filters.in(ID, upserts.subList(from, Math.min(upserts.size(), from + LOOKUP_SLICE)).stream()
                            .map(Upsert::id).toList()))
                    .projection(Projections.include(ID))
                    .forEach(doc -> stored.add(doc.getString(ID)));
        }
        List<Upsert> fresh = upserts.stream().filter(u -> !stored.contains(u.id())).toList();
        List<Upsert> known = new ArrayList<>(upserts.stream().filter(u -> stored.contains(u.id())).toList());

        int applied = 0;
        List<InsertOneModel<Document>> inserts = fresh.stream().map(u -> new InsertOneModel<>(u.document())).toList();
        if (!inserts.isEmpty()) {
            try {
                applied += collection.bulkWrite(inserts, new BulkWriteOptions().ordered(false)).getInsertedCount();
            } catch (MongoBulkWriteException e) {
                requireOnlyDuplicateKeys(e);
                applied += e.getWriteResult().getInsertedCount();
                e.getWriteErrors().forEach(error -> known.add(fresh.get(error.getIndex())));
            }
        }
        List<ReplaceOneModel<Document>> replacements = known.stream().filter(u -> u.storedIsOlder() != null)
                .map(u -> new ReplaceOneModel<>(Filters.and(Filters.eq(ID, u.id()), u.storedIsOlder()), u.document()))
                .toList();
        if (!replacements.isEmpty()) {
            BulkWriteResult result = collection.bulkWrite(replacements, new BulkWriteOptions().ordered(false));
            applied += result.getMatchedCount();
        }
        return new UpsertOutcome(applied, upserts.size() - applied);
    }

    /**
     * Applies upserts of lookup documents in one unordered bulk write (their order does not matter). Two
     * instances upserting the same new id at once: one insert loses on the unique {@code _id}; applied again
     * as an update of the document the other created, it takes effect.
     */
    public static void upsertAll(MongoCollection<Document> collection, List<? extends WriteModel<Document>> updates) {
        if (updates.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(updates, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            requireOnlyDuplicateKeys(e);
            collection.bulkWrite(e.getWriteErrors().stream().map(error -> updates.get(error.getIndex())).toList(),
                    new BulkWriteOptions().ordered(false));
        }
    }

    /** Rethrows unless every error of the bulk write is a duplicate key (the document is there already). */
    public static void requireOnlyDuplicateKeys(MongoBulkWriteException e) {
        List<BulkWriteError> errors = e.getWriteErrors();
        boolean onlyTaken = e.getWriteConcernError() == null
                && errors.stream().allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        if (!onlyTaken) {
            throw e;
        }
    }

    private ConditionalUpserts() {
    }
}

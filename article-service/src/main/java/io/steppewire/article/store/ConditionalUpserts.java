package io.steppewire.article.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.List;

/**
 * Runs upserts whose filter holds "the stored data is older than mine". When the stored data is as
 * new or newer the filter misses, the upsert tries to insert the same {@code _id} and the store refuses
 * it as a duplicate key: that refusal is the expected "nothing to do", decided by the store itself so
 * that two instances cannot race it.
 */
public final class ConditionalUpserts {

    public static UpsertOutcome run(MongoCollection<Document> collection, List<? extends WriteModel<Document>> models) {
        if (models.isEmpty()) {
            return UpsertOutcome.NOTHING;
        }
        try {
            collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
            return new UpsertOutcome(models.size(), 0);
        } catch (MongoBulkWriteException e) {
            List<BulkWriteError> errors = e.getWriteErrors();
            boolean onlyStale = e.getWriteConcernError() == null
                    && errors.stream().allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyStale) {
                throw e;
            }
            return new UpsertOutcome(models.size() - errors.size(), errors.size());
        }
    }

    private ConditionalUpserts() {
    }
}

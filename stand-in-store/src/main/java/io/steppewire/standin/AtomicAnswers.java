package io.steppewire.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.bson.Document;
import org.jspecify.annotations.Nullable;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes find and find-and-modify answer documents as one moment left them, as real MongoDB does.
 *
 * <p>mongo-java-server updates a document in place under its collection's lock, and answers with the live documents,
 * which it encodes for the client only after the lock is released. A writer close behind can change them in between:
 * two {@code $inc} reservations on one counter were answered with the same value (six writers on one counter repeated
 * a number in every run), and a reader racing a {@code $set} of many fields saw some of them old and some new. Copying
 * the answer while still holding the collection's lock (its methods synchronize on the collection itself) closes that
 * gap. A find's later batches (getMore) still come from the live documents; the services' hot reads fit in the first.
 */
final class AtomicAnswers {

    private AtomicAnswers() {
    }

    /**
     * Runs {@code command} through {@code handle}, copying its answer under the collection's lock when the answer
     * holds stored documents. {@code openOrCreate} resolves the collection as find-and-modify itself does; a find on a
     * missing collection leaves it missing.
     */
    static Document answer(String command, Document query, Function<String, MongoCollection<?>> openOrCreate,
                           Function<String, @Nullable MongoCollection<?>> existing, Supplier<Document> handle) {
        MongoCollection<?> collection;
        if (command.equalsIgnoreCase("findAndModify")) {
            collection = openOrCreate.apply(String.valueOf(query.get(command)));
        } else if (command.equalsIgnoreCase("find")) {
            collection = existing.apply(String.valueOf(query.get(command)));
        } else {
            return handle.get();
        }
        if (collection == null) {
            return handle.get();
        }
        synchronized (collection) {
            return handle.get().cloneDeeply();
        }
    }
}

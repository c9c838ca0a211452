package io.steppewire.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

import java.nio.file.Path;
import java.util.List;

/**
 * The store kept in one H2 file, answering find and find-and-modify as {@link AtomicAnswers} describes, with unique
 * indexes ordered without serialization ({@link OrderedKeyUniqueIndex}).
 */
final class StandInFileBackend extends H2Backend {

    private static final String ORDERED_INDEX = "._ordered_index_";
    /** Where the stock index kept a collection's index; those maps are rebuilt as ordered ones and removed. */
    private static final String STOCK_INDEX = "._index_";

    StandInFileBackend(Path file) {
        super(file.toAbsolutePath().toString());
        // Written by earlier versions of the stack; every index is rebuilt from its documents when a database opens.
        getMvStore().getMapNames().stream()
                .filter(name -> name.contains(STOCK_INDEX) && !name.startsWith("databases.") && !name.startsWith("meta."))
                .toList()
                .forEach(getMvStore()::removeMap);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * An inner class, so its index hook can reach the store while H2Database's constructor, which opens the indexes,
     * still runs (the outer instance is set before it).
     */
    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            return AtomicAnswers.answer(command, query, this::resolveOrCreateCollection, name -> resolveCollection(name, false),
                    () -> super.handleCommand(channel, command, query, resolver, oplog));
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new OrderedKeyUniqueIndex(getMvStore(), indexMap(collectionName, indexName), indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(indexMap(collection.getCollectionName(), indexName));
        }

        private String indexMap(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + ORDERED_INDEX + indexName;
        }
    }
}

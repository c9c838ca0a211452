package io.steppewire.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The store kept in one H2 file, answering find and find-and-modify as {@link AtomicAnswers} describes, with unique
 * indexes ordered without serialization ({@link OrderedKeyUniqueIndex}), non-unique ones kept from their first use
 * ({@link OrderedSecondaryIndex}), and documents kept as BSON ({@link BsonDocuments}).
 */
final class StandInFileBackend extends H2Backend {

    /** Where an index's entries are kept, ordered by {@link KeyValueOrder} and encoded as BSON. */
    private static final String INDEX = "._bson_index_";
    /** Where an earlier version kept unique indexes, encoded generically: rebuilt under {@link #INDEX} on open. */
    private static final String GENERIC_INDEX = "._ordered_index_";
    /** The stock store's names for a collection's documents and its metadata, which this store keeps. */
    private static final String DOCUMENTS_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    /** Which encoding the file's documents have: per collection while re-encoding, then for the whole file. */
    private static final String FORMAT = "stand-in.format";
    /** Per index map: whether a document held an array under its keys (see {@link OrderedSecondaryIndex.MultikeyMark}). */
    private static final String MULTIKEY = "stand-in.multikey";
    private static final String DOCUMENTS = "documents";
    private static final String BSON = "bson";
    private static final String REENCODING = "stand-in.reencoding.";
    /** The stock store's own: H2's default. */
    private static final int AUTO_COMMIT_DELAY_MILLIS = 1000;
    /**
     * How long after it was written a chunk of the file may be reused or rewritten. With H2's default of 45 s, the page
     * rewrites of the services' small upserts left nine tenths of the file dead (473 MB holding 50 MB of data after two
     * minutes of the system benchmark). A chunk is still never reused while a version that reads it is kept.
     */
    private static final int RETENTION_MILLIS = 10_000;
    /** Where the stock store kept a collection's index. */
    private static final String STOCK_INDEX = "._index_";
    private static final String ID_FIELD = "_id";

    StandInFileBackend(Path file) {
        super(openUpgraded(file));
    }

    /**
     * Opens the file, first upgrading one the stock store wrote: its documents are re-encoded ({@link BsonDocuments}),
     * each collection copied, swapped in and marked in one commit, so a stop half-way leaves each either done or not;
     * its indexes are removed, to be rebuilt from the documents as ordered ones when each database opens. Indexes an
     * earlier version of this store kept with generically encoded keys are removed and rebuilt the same way.
     */
    private static MVStore openUpgraded(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toAbsolutePath().toString()).autoCommitDisabled().open();
        store.setRetentionTime(RETENTION_MILLIS);
        MVMap<String, String> format = store.openMap(FORMAT);
        if (!BSON.equals(format.get(DOCUMENTS))) {
            for (String name : List.copyOf(store.getMapNames())) {
                if (name.startsWith(DOCUMENTS_PREFIX) && !BSON.equals(format.get(name))) {
                    MVMap<Object, Object> stock = store.openMap(name);
                    MVMap<Object, Document> bson = store.openMap(REENCODING + name, documents());
                    bson.clear();
                    stock.forEach((id, document) -> bson.put(id, (Document) document));
                    store.removeMap(stock);
                    store.renameMap(bson, name);
                    format.put(name, BSON);
                    store.commit();
                }
            }
            List.copyOf(store.getMapNames()).stream()
                    .filter(name -> name.contains(STOCK_INDEX) && !name.startsWith(DOCUMENTS_PREFIX) && !name.startsWith(META_PREFIX))
                    .forEach(store::removeMap);
            format.put(DOCUMENTS, BSON);
            store.commit();
        }
        List<String> genericIndexes = store.getMapNames().stream().filter(name -> name.contains(GENERIC_INDEX)).toList();
        if (!genericIndexes.isEmpty()) {
            genericIndexes.forEach(store::removeMap);
            store.commit();
        }
        store.setAutoCommitDelay(AUTO_COMMIT_DELAY_MILLIS);
        return store;
    }

    private static MVMap.Builder<Object, Document> documents() {
        return new MVMap.Builder<Object, Document>().valueType(new BsonDocuments());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /** The order of a collection's map of documents, keyed by position (null as Missing): the order a scan reads. */
    private static Comparator<Object> documentKeyOrder() {
        ObjectDataType keys = new ObjectDataType();
        return (a, b) -> keys.compare(Missing.ofNullable(a), Missing.ofNullable(b));
    }

    /** A stored document as (its position, the document). */
    private static Map.Entry<Object, Document> positioned(Map.Entry<Object, Document> stored) {
        return new AbstractMap.SimpleImmutableEntry<>(stored.getKey() instanceof Missing ? null : stored.getKey(), stored.getValue());
    }

    /** A secondary index's entries read in order from a key of its H2 map. */
    private static Iterator<Map.Entry<KeyValue, Object>> inOrderFrom(MVMap<KeyValue, Object> map, @Nullable KeyValue from) {
        Cursor<KeyValue, Object> cursor = map.cursor(from);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Map.Entry<KeyValue, Object> next() {
                KeyValue key = cursor.next();
                return Map.entry(key, cursor.getValue());
            }
        };
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
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> stored = getMvStore().openMap(DOCUMENTS_PREFIX + namespace, documents());
            MVMap<String, Object> meta = getMvStore().openMap(META_PREFIX + namespace);
            return new H2Collection(this, collectionName, options, stored, meta, cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return new OrderedKeyUniqueIndex(getMvStore(), indexMap(collectionName, indexName), indexName, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            String mapName = indexMap(collectionName, indexName);
            MVMap<KeyValue, Object> map = getMvStore().openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueOrder()));
            String documentsMap = DOCUMENTS_PREFIX + getFullCollectionNamespace(collectionName);
            // H2Collection's position of a document is its _id as stored, and its map's key that, null as Missing.
            OrderedSecondaryIndex.LazyBuild<Object> lazyBuild = new OrderedSecondaryIndex.LazyBuild<>(
                    () -> getMvStore().openMap(documentsMap, documents()).entrySet().stream()
                            .map(StandInFileBackend::positioned).iterator(),
                    document -> Utils.getSubdocumentValue(document, ID_FIELD));
            OrderedSecondaryIndex.MultikeyMark multikey = OrderedSecondaryIndex.MultikeyMark.in(getMvStore().openMap(MULTIKEY), mapName);
            return new OrderedSecondaryIndex<>(indexName, keys, sparse,
                    new OrderedSecondaryIndex.Entries(map, from -> inOrderFrom(map, from), documentKeyOrder(), multikey), lazyBuild);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(indexMap(collection.getCollectionName(), indexName));
            getMvStore().<String, Boolean>openMap(MULTIKEY).remove(indexMap(collection.getCollectionName(), indexName));
        }

        private String indexMap(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + INDEX + indexName;
        }
    }
}

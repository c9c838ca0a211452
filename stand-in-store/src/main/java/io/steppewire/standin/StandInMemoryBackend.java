package io.steppewire.standin;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The in-memory store, answering find and find-and-modify as {@link AtomicAnswers} describes. */
final class StandInMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    private static final class Database extends MemoryDatabase {

        Database(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            return AtomicAnswers.answer(command, query, this::resolveOrCreateCollection, name -> resolveCollection(name, false),
                    () -> super.handleCommand(channel, command, query, resolver, oplog));
        }

        @Override
        protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            NavigableMap<KeyValue, Object> map = new ConcurrentSkipListMap<>(new KeyValueOrder()::compare);
            // The memory store's positions are places in its list of documents, which a scan reads in turn.
            return new OrderedSecondaryIndex<>(indexName, keys, sparse, new OrderedSecondaryIndex.Entries(map,
                    from -> (from == null ? map : map.tailMap(from, true)).entrySet().iterator(),
                    Comparator.comparingInt(position -> (Integer) position), OrderedSecondaryIndex.MultikeyMark.inMemory()));
        }
    }
}

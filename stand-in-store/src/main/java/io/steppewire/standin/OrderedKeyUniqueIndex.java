package io.steppewire.standin;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Map;

/**
 * A unique index of the file-backed store whose tree is ordered by {@link KeyValueOrder}. The stock index leaves its
 * keys to H2's generic type, which orders an object that is not {@link Comparable} by its Java-serialized bytes:
 * every comparison of a lookup serialized two keys, and the {@code _id} check of each insert and update made about
 * forty such comparisons.
 */
final class OrderedKeyUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> positions;

    OrderedKeyUniqueIndex(MVStore store, String mapName, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.positions = store.openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueOrder()));
    }

    @Override
    protected @Nullable Object removeDocument(KeyValue key) {
        return positions.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return positions.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return positions.entrySet();
    }

    @Override
    protected @Nullable Object getPosition(KeyValue key) {
        return positions.get(key);
    }

    @Override
    public long getCount() {
        return positions.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}

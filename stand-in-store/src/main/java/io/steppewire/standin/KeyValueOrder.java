package io.steppewire.standin;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Comparator;

/**
 * Index keys ordered the way the store orders values ({@link ValueComparator}, so 1 and 1.0 are one key, as in
 * MongoDB), compared without serializing them. Arrays compare element by element, so the order stays total (the
 * comparator's array matching would call two different arrays equal). On disk keys keep H2's generic encoding.
 */
final class KeyValueOrder extends BasicDataType<KeyValue> {

    private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();

    private final ObjectDataType encoding = new ObjectDataType();

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int shared = Math.min(a.size(), b.size());
        for (int i = 0; i < shared; i++) {
            int order = VALUES.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public int getMemory(KeyValue key) {
        return encoding.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        encoding.write(buffer, key);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return (KeyValue) encoding.read(buffer);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}

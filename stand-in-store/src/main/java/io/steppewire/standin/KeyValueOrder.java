package io.steppewire.standin;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Index keys ordered the way the store orders values ({@link ValueComparator}, so 1 and 1.0 are one key, as in
 * MongoDB), compared without serializing them. Arrays compare element by element, so the order stays total (the
 * comparator's array matching would call two different arrays equal). On disk a key is its values as BSON, as
 * documents are ({@link BsonDocuments}): H2's generic encoding wrote each key through Java serialization, which cost
 * more than the lookups once non-unique indexes were kept too. A value BSON cannot hold keeps the generic encoding,
 * behind its own tag.
 */
final class KeyValueOrder extends BasicDataType<KeyValue> {

    private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();

    /** The key's values, a missing field's as null. */
    private static final String VALUES_FIELD = "v";
    /** Which of the values stand for a missing field, which BSON has no value for. */
    private static final String MISSING_FIELD = "m";

    private final ObjectDataType generic = new ObjectDataType();

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
        int size = 32;
        for (Object value : key) {
            size += 8 + (value == null ? 0 : BsonDocuments.estimate(value));
        }
        return size;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        List<Object> values = new ArrayList<>(key.size());
        List<Integer> missing = new ArrayList<>();
        for (Object value : key) {
            if (value instanceof Missing) {
                missing.add(values.size());
                values.add(null);
            } else {
                values.add(value);
            }
        }
        Document document = new Document(VALUES_FIELD, values);
        if (!missing.isEmpty()) {
            document.append(MISSING_FIELD, missing);
        }
        BsonDocuments.writeTagged(buffer, document, out -> generic.write(out, key));
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        Document document = BsonDocuments.readTagged(buffer);
        if (document == null) {
            return (KeyValue) generic.read(buffer);
        }
        List<Object> values = new ArrayList<>((List<?>) document.get(VALUES_FIELD));
        if (document.get(MISSING_FIELD) instanceof List<?> missing) {
            missing.forEach(index -> values.set(((Number) index).intValue(), Missing.getInstance()));
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}

package io.steppewire.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * A non-unique index, which the stock server accepts and ignores: every query on such a field read the whole
 * collection (the pages' story lookup, growing with every article, was a quarter of the local stack's store time).
 * Each entry is a document's indexed values followed by its {@code _id}, so equal values stay distinct entries in
 * one order ({@link KeyValueOrder}); an array value makes one entry per element, as MongoDB's multikey indexes do.
 *
 * <p>A query with an equality, {@code $in} or range on the index's first field reads only the matching stretches of
 * that order; an equality or {@code $in} there lets a condition on the next field narrow each stretch, and so on.
 * The index answers candidates: the collection checks each against the whole query, so the index only has to never
 * miss a match, which is why it declines what it cannot bound safely (null, arrays, sub-documents, negations,
 * {@code $or}).
 *
 * <p>In the file-backed store an index is built from the collection's documents when the first query it can serve
 * comes, and kept from then on ({@link LazyBuild}). The services declare indexes for real MongoDB that the local
 * stack never queries (the articles' search terms, the words of notify's article history): kept from the start,
 * their hundreds of entries per article cost more than every scan they could have saved.
 */
final class OrderedSecondaryIndex<P> extends Index<P> {

    /**
     * Where the entries live: an H2 map in the file-backed store, a skip list in memory; reading them in order from a
     * key is each store's own ({@code from} with null reads from the first), and so is the order in which a scan of the
     * collection meets its documents' positions ({@code scanOrder}).
     */
    record Entries(Map<KeyValue, Object> map, Function<@Nullable KeyValue, Iterator<Map.Entry<KeyValue, Object>>> from,
                   Comparator<Object> scanOrder, MultikeyMark multikey) {

        void put(KeyValue key, Object position) {
            map.put(key, position);
        }

        /** Answers the position the entry had, null when there was none. */
        @Nullable Object remove(KeyValue key) {
            return map.remove(key);
        }

        Iterator<Map.Entry<KeyValue, Object>> from(@Nullable KeyValue key) {
            return from.apply(key);
        }

        long size() {
            return map.size();
        }

        void clear() {
            map.clear();
        }
    }

    /**
     * Whether any document held an array under the index's keys, kept beside the entries: a range bounded on both
     * sides reads only its stretch while no document did. Null when not known (entries an earlier version wrote).
     */
    interface MultikeyMark {

        @Nullable Boolean known();

        void mark(boolean multikey);

        /** The mark kept in {@code marks} under {@code key}: a map of the file, or one of the process's own. */
        static MultikeyMark in(Map<String, Boolean> marks, String key) {
            return new MultikeyMark() {
                @Override
                public @Nullable Boolean known() {
                    return marks.get(key);
                }

                @Override
                public void mark(boolean value) {
                    marks.put(key, value);
                }
            };
        }

        /** A mark kept only as long as the process runs, not known at first. */
        static MultikeyMark inMemory() {
            return in(new ConcurrentHashMap<>(), "multikey");
        }
    }

    /**
     * How an index not built yet reaches its collection: the stored documents with their positions, and a document's
     * position (which the collection expects every index to answer when a document is removed).
     */
    record LazyBuild<P>(Supplier<Iterator<Map.Entry<P, Document>>> documents, Function<Document, P> position) {
    }

    private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();
    private static final String ID = "_id";

    private final Entries entries;
    private final @Nullable LazyBuild<P> lazyBuild;
    /** Only a compound index can meet two arrays in one document: a single key's writes skip that check. */
    private final boolean compound;
    /** Whether the entries are kept; an index whose entries are stored was built before. */
    private boolean built;
    /** The mark as last read or written, so a write reads it from the store at most once. */
    private volatile @Nullable Boolean multikey;

    /** An index kept from the start. */
    OrderedSecondaryIndex(String name, List<IndexKey> keys, boolean sparse, Entries entries) {
        this(name, keys, sparse, entries, null);
    }

    /** An index built when the first query it can serve comes, unless its entries are stored already. */
    OrderedSecondaryIndex(String name, List<IndexKey> keys, boolean sparse, Entries entries, @Nullable LazyBuild<P> lazyBuild) {
        super(name, keys, sparse);
        this.compound = keys.size() > 1;
        this.entries = entries;
        this.lazyBuild = lazyBuild;
        this.multikey = entries.multikey().known();
        // Entries an earlier version stored without the mark are built again, once.
        this.built = lazyBuild == null || entries.size() > 0 && multikey != null;
        if (lazyBuild == null && multikey == null) {
            markMultikey(false);
        }
    }

    private void markMultikey(boolean value) {
        multikey = value;
        entries.multikey().mark(value);
    }

    /** Builds the entries from the collection's documents, once. */
    private void build(LazyBuild<P> lazy) {
        entries.clear();
        markMultikey(false);
        Iterator<Map.Entry<P, Document>> documents = lazy.documents().get();
        while (documents.hasNext()) {
            Map.Entry<P, Document> document = documents.next();
            noteArrays(document.getValue());
            for (KeyValue key : entryKeys(document.getValue())) {
                entries.put(key, Missing.ofNullable(document.getKey()));
            }
        }
        built = true;
    }

    /** Marks the index multikey, for good, once a document holds an array under one of its keys. */
    private void noteArrays(Document document) {
        if (!Boolean.TRUE.equals(multikey)
                && keys().stream().anyMatch(key -> Utils.getSubdocumentValueCollectionAware(document, key) instanceof Collection<?>)) {
            markMultikey(true);
        }
    }

    /** The document's entries: each of its key values, then its id. */
    private Set<KeyValue> entryKeys(Document document) {
        if (isSparse() && keys().stream().allMatch(key -> Utils.getSubdocumentValue(document, key) instanceof Missing)) {
            return Set.of();
        }
        Object id = normalized(document.get(ID));
        Set<KeyValue> keys = new LinkedHashSet<>();
        for (KeyValue values : getKeyValues(document)) {
            List<Object> entry = new ArrayList<>(values.size() + 1);
            values.forEach(entry::add);
            entry.add(id);
            keys.add(new KeyValue(entry));
        }
        if (keys.isEmpty()) {
            // An empty array has no values, yet the collection expects every non-sparse index to hold each document.
            keys.add(new KeyValue(Arrays.asList(Missing.getInstance(), id)));
        }
        return keys;
    }

    /** Not a way to find a document's position: the collection asks its unique indexes, and ignores a null here. */
    @Override
    public @Nullable P getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        refuseParallelArrays(document);
    }

    /**
     * Fails as MongoDB does for a compound key over two arrays, before anything is written. The keys are made only
     * when the document has two arrays among them, so an index not built yet costs nothing here.
     */
    private void refuseParallelArrays(Document document) {
        if (compound && keys().stream().filter(key -> Utils.getSubdocumentValueCollectionAware(document, key) instanceof Collection<?>).count() > 1) {
            getKeyValues(document);
        }
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        if (!built) {
            return;
        }
        noteArrays(document);
        for (KeyValue key : entryKeys(document)) {
            entries.put(key, Missing.ofNullable(position));
        }
    }

    /** Answers the document's position, as every index does; null only when a sparse index did not hold it. */
    @Override
    public synchronized @Nullable P remove(Document document) {
        if (!built) {
            return requireNonNull(lazyBuild).position().apply(document);
        }
        P position = null;
        for (KeyValue key : entryKeys(document)) {
            Object removed = entries.remove(key);
            if (removed != null) {
                position = positionOf(removed);
            }
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        refuseParallelArrays(newDocument);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        if (!built) {
            return;
        }
        noteArrays(newDocument);
        Set<KeyValue> before = entryKeys(oldDocument);
        Set<KeyValue> after = entryKeys(newDocument);
        if (before.equals(after)) {
            return;
        }
        before.stream().filter(key -> !after.contains(key)).forEach(entries::remove);
        after.stream().filter(key -> !before.contains(key)).forEach(key -> entries.put(key, Missing.ofNullable(position)));
    }

    @Override
    public boolean canHandle(Document query) {
        return !stretches(query).isEmpty();
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        if (!built) {
            build(requireNonNull(lazyBuild));
        }
        Set<@Nullable P> positions = new LinkedHashSet<>();
        for (Stretch stretch : stretches(query)) {
            int field = stretch.prefix().size();
            List<Object> from = new ArrayList<>(stretch.prefix());
            if (stretch.low() != null) {
                from.add(stretch.low());
            }
            Iterator<Map.Entry<KeyValue, Object>> it = entries.from(from.isEmpty() ? null : new KeyValue(from));
            while (it.hasNext()) {
                Map.Entry<KeyValue, Object> entry = it.next();
                if (!startsWith(entry.getKey(), stretch.prefix())) {
                    break;
                }
                Object value = entry.getKey().get(field);
                if (stretch.high() != null) {
                    int order = VALUES.compare(value, stretch.high());
                    if (order > 0 || order == 0 && !stretch.highIncluded()) {
                        break;
                    }
                }
                if (stretch.low() != null && !stretch.lowIncluded() && VALUES.compare(value, stretch.low()) == 0) {
                    continue;
                }
                positions.add(positionOf(entry.getValue()));
            }
        }
        // In the order a scan would have met them: the collection sorts (stably) only when asked, so documents the sort
        // leaves tied, or an unsorted answer, come as without the index. A service may lean on that order unawares.
        List<P> inScanOrder = new ArrayList<>(positions);
        inScanOrder.sort(entries.scanOrder()::compare);
        return inScanOrder;
    }

    private static boolean startsWith(KeyValue key, List<Object> prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            if (VALUES.compare(key.get(i), prefix.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Positions are kept as the unique indexes keep theirs: a null one as {@link Missing}. */
    @SuppressWarnings("unchecked")
    private @Nullable P positionOf(Object stored) {
        return stored instanceof Missing ? null : (P) stored;
    }

    @Override
    public long getCount() {
        return entries.size();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized void drop() {
        entries.clear();
        markMultikey(false);
        built = lazyBuild == null;
    }

    /**
     * Entries whose leading fields equal {@code prefix} and whose next field's value runs from {@code low} to
     * {@code high}; an absent bound is open.
     */
    record Stretch(List<Object> prefix, @Nullable Object low, boolean lowIncluded, @Nullable Object high, boolean highIncluded) {

        Stretch(@Nullable Object low, boolean lowIncluded, @Nullable Object high, boolean highIncluded) {
            this(List.of(), low, lowIncluded, high, highIncluded);
        }

        boolean point() {
            return low != null && high != null && lowIncluded && highIncluded && VALUES.compare(low, high) == 0;
        }

        /**
         * The values both ranges hold (neither has a prefix): the higher lower bound and the lower upper bound, an
         * excluded bound winning a tie. Empty when the two do not meet, which the read finds at its first entry.
         */
        Stretch within(Stretch other) {
            int lows = low == null || other.low == null ? (low == null ? -1 : 1) : VALUES.compare(low, other.low);
            Stretch lower = lows > 0 || lows == 0 && !lowIncluded ? this : other;
            int highs = high == null || other.high == null ? (high == null ? 1 : -1) : VALUES.compare(high, other.high);
            Stretch upper = highs < 0 || highs == 0 && !highIncluded ? this : other;
            return new Stretch(lower.low, lower.lowIncluded, upper.high, upper.highIncluded);
        }

        /** This point's value joins the prefix, and {@code next} bounds the field after it. */
        Stretch then(Stretch next) {
            List<Object> longer = new ArrayList<>(prefix);
            longer.add(requireNonNull(low));
            return new Stretch(longer, next.low, next.lowIncluded, next.high, next.highIncluded);
        }
    }

    /** More stretches than this read faster as fewer, wider ones: the collection checks each candidate anyway. */
    private static final int MAX_STRETCHES = 256;

    /**
     * The stretches of the index's order that hold every match of the query, or none when the query does not bound
     * the first field safely. While every stretch is a single value (equality, {@code $in}), a condition on the next
     * field narrows each, as a compound index's bounds do on MongoDB. A condition on a field at the top level or in a
     * top-level {@code $and} counts.
     */
    List<Stretch> stretches(Document query) {
        List<Stretch> stretches = stretchesOn(0, query);
        for (int field = 1; field < getKeys().size() && !stretches.isEmpty() && stretches.stream().allMatch(Stretch::point); field++) {
            List<Stretch> next = stretchesOn(field, query);
            if (next.isEmpty() || stretches.size() * next.size() > MAX_STRETCHES) {
                break;
            }
            stretches = stretches.stream().flatMap(stretch -> next.stream().map(stretch::then)).toList();
        }
        return stretches;
    }

    /**
     * The stretches of one field's conditions: the first equality or {@code $in}, else the ranges together, as MongoDB
     * intersects the bounds of {@code {$and: [{f: {$gte: a}}, {f: {$lt: b}}]}}; in a multikey index, only the first
     * range (see {@link #stretchesOf}).
     */
    private List<Stretch> stretchesOn(int field, Document query) {
        boolean multikey = !Boolean.FALSE.equals(this.multikey);
        Stretch range = null;
        for (Object condition : conditionsOn(getKeys().get(field).getKey(), query)) {
            List<Stretch> stretches = stretchesOf(condition, multikey);
            if (stretches.size() == 1 && !stretches.getFirst().point()) {
                range = range == null ? stretches.getFirst() : multikey ? range : range.within(stretches.getFirst());
            } else if (!stretches.isEmpty()) {
                return stretches;
            }
        }
        return range == null ? List.of() : List.of(range);
    }

    private static List<Object> conditionsOn(String field, Document query) {
        List<Object> conditions = new ArrayList<>();
        if (query.containsKey(field)) {
            conditions.add(query.get(field));
        }
        if (query.get("$and") instanceof Collection<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Document document) {
                    conditions.addAll(conditionsOn(field, document));
                }
            }
        }
        return conditions;
    }

    /**
     * The stretches of one field's condition. In a multikey index a range keeps only its lower bound: an array may
     * meet {@code $gt} with one element and {@code $lt} with another, while no element lies between.
     */
    private static List<Stretch> stretchesOf(Object condition, boolean multikey) {
        if (bounded(condition)) {
            Object value = normalized(condition);
            return List.of(new Stretch(value, true, value, true));
        }
        if (!(condition instanceof Document operators) || operators.keySet().stream().noneMatch(k -> k.startsWith("$"))) {
            return List.of();
        }
        if (bounded(operators.get("$eq"))) {
            Object value = normalized(operators.get("$eq"));
            return List.of(new Stretch(value, true, value, true));
        }
        if (operators.get("$in") instanceof Collection<?> values && !values.isEmpty() && values.stream().allMatch(OrderedSecondaryIndex::bounded)) {
            return values.stream().map(OrderedSecondaryIndex::normalized).distinct().sorted(VALUES)
                    .map(value -> new Stretch(value, true, value, true)).toList();
        }
        Object low = null;
        boolean lowIncluded = true;
        Object high = null;
        boolean highIncluded = true;
        for (String operator : List.of("$gt", "$gte")) {
            if (bounded(operators.get(operator))) {
                low = normalized(operators.get(operator));
                lowIncluded = operator.equals("$gte");
            }
        }
        for (String operator : List.of("$lt", "$lte")) {
            if (bounded(operators.get(operator))) {
                high = normalized(operators.get(operator));
                highIncluded = operator.equals("$lte");
            }
        }
        if (multikey && low != null && high != null) {
            return List.of(new Stretch(low, lowIncluded, null, true));
        }
        return low == null && high == null ? List.of() : List.of(new Stretch(low, lowIncluded, high, highIncluded));
    }

    /** The value as the store compares and indexes it (numbers of any type as one). */
    private static Object normalized(@Nullable Object value) {
        return new KeyValue(Collections.singletonList(value)).normalized().get(0);
    }

    /** A value whose matches lie in its own stretch of the order: not null, an array, a document or a pattern. */
    private static boolean bounded(@Nullable Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Date
                || value instanceof java.time.Instant || value instanceof ObjectId || value instanceof UUID;
    }
}

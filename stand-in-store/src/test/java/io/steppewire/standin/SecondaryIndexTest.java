package io.steppewire.standin;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

import static io.steppewire.standin.StoreSessions.withDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stand-in's non-unique indexes answer exactly what a scan of the whole collection answers: every query runs on
 * a collection with the indexes and on a twin without, after the same writes.
 */
class SecondaryIndexTest {

    /** Values of every kind the order has to keep apart or together (1, 1L and 1.0 are one value, as in MongoDB). */
    private static final List<Object> SCALARS = List.of("kz", "uz", "tj", 1, 1L, 1.0, 2, 2.5, -3L,
            new Date(1_000), new Date(2_000), true, false);
    private static final String MISSING = "missing";
    private static final String NULL = "null";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in memory", "in a file"})
    void queriesOnIndexedFieldsFindWhatAScanOfTheCollectionFinds(String kind) {
        withDatabase(store(kind), database -> {
            MongoCollection<Document> indexed = database.getCollection("indexed");
            MongoCollection<Document> scanned = database.getCollection("scanned");
            indexed.createIndex(Indexes.ascending("a", "b"));
            indexed.createIndex(Indexes.ascending("tags"));
            // Never an array under it: its ranges keep both bounds, on each field after an equality.
            indexed.createIndex(Indexes.ascending("b", "c"));
            Random random = new Random(7);
            List<Object> ids = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Document document = new Document("_id", i % 3 == 0 ? "article-" + i : i);
                put(document, "a", value(random, true));
                put(document, "b", value(random, false));
                put(document, "tags", value(random, true));
                put(document, "c", value(random, false));
                indexed.insertOne(new Document(document));
                scanned.insertOne(new Document(document));
                ids.add(document.get("_id"));
            }
            assertSameAnswers(indexed, scanned);

            for (int i = 0; i < 300; i++) {
                Bson byId = Filters.eq("_id", ids.get(random.nextInt(ids.size())));
                Object value = value(random, true);
                Bson update = switch (random.nextInt(4)) {
                    case 0 -> MISSING.equals(value) ? Updates.unset("a") : Updates.set("a", NULL.equals(value) ? null : value);
                    case 1 -> MISSING.equals(value) ? Updates.unset("tags") : Updates.set("tags", NULL.equals(value) ? null : value);
                    case 2 -> Updates.set("b", value(random, false) instanceof String s ? s : 4);
                    default -> Updates.set("other", i);
                };
                indexed.updateOne(byId, update);
                scanned.updateOne(byId, update);
            }
            for (int i = 0; i < 60; i++) {
                Bson byId = Filters.eq("_id", ids.get(random.nextInt(ids.size())));
                indexed.deleteOne(byId);
                scanned.deleteOne(byId);
            }
            Bson some = Filters.in("tags", "kz", 2);
            indexed.updateMany(some, Updates.set("a", "updated-by-index"));
            scanned.updateMany(some, Updates.set("a", "updated-by-index"));
            indexed.deleteMany(Filters.eq("a", 2.5));
            scanned.deleteMany(Filters.eq("a", 2.5));
            assertSameAnswers(indexed, scanned);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in memory", "in a file"})
    void refusesADocumentWithTwoArraysUnderOneCompoundIndexAsMongoDbDoes(String kind) {
        withDatabase(store(kind), database -> {
            MongoCollection<Document> pairs = database.getCollection("pairs");
            pairs.createIndex(Indexes.ascending("bases", "quotes"));
            pairs.insertOne(new Document("_id", "one-array").append("bases", List.of("KZT", "UZS")).append("quotes", "USD"));

            assertThatThrownBy(() -> pairs.insertOne(new Document("_id", "two-arrays").append("bases", List.of("KZT"))
                    .append("quotes", List.of("USD", "EUR"))))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("parallel arrays");
            assertThat(pairs.countDocuments()).isEqualTo(1);
        });
    }

    @Test
    void anEqualityNarrowsTheNextFieldsRangeUntilAnArrayIsIndexed() {
        OrderedSecondaryIndex<Integer> history = rateHistoryIndex();
        de.bwaldvogel.mongo.bson.Document march = new de.bwaldvogel.mongo.bson.Document("pair", "KZT/USD")
                .append("asOf", new de.bwaldvogel.mongo.bson.Document("$gte", new Date(1_000)).append("$lt", new Date(2_000)));

        assertThat(history.stretches(march)).containsExactly(
                new OrderedSecondaryIndex.Stretch(List.of("KZT/USD"), new Date(1_000), true, new Date(2_000), false));

        history.add(new de.bwaldvogel.mongo.bson.Document("_id", "p1").append("pair", List.of("KZT/USD", "UZS/USD"))
                .append("asOf", new Date(1_500)), 0, null);
        // MongoDB matches [1, 9] to {$gt: 2, $lt: 8}: each bound by another element (the stock matcher does not, yet
        // what matches must stay the matcher's call, not the index's).
        assertThat(history.stretches(march)).as("multikey: the upper bound no longer bounds")
                .containsExactly(new OrderedSecondaryIndex.Stretch(List.of("KZT/USD"), new Date(1_000), true, null, true));
    }

    @Test
    void rangesOfOneFieldInAnAndAreReadAsTheirIntersection() {
        OrderedSecondaryIndex<Integer> history = rateHistoryIndex();
        // As the driver writes Filters.and(eq, gte, gt, lt), each bound a clause of its own; times as the server decodes them.
        de.bwaldvogel.mongo.bson.Document march = new de.bwaldvogel.mongo.bson.Document("$and", List.of(
                new de.bwaldvogel.mongo.bson.Document("pair", "KZT/USD"),
                new de.bwaldvogel.mongo.bson.Document("asOf", new de.bwaldvogel.mongo.bson.Document("$gte", Instant.ofEpochMilli(1_000))),
                new de.bwaldvogel.mongo.bson.Document("asOf", new de.bwaldvogel.mongo.bson.Document("$gt", Instant.ofEpochMilli(1_200))),
                new de.bwaldvogel.mongo.bson.Document("asOf", new de.bwaldvogel.mongo.bson.Document("$lt", Instant.ofEpochMilli(2_000)))));

        assertThat(history.stretches(march)).containsExactly(
                new OrderedSecondaryIndex.Stretch(List.of("KZT/USD"), Instant.ofEpochMilli(1_200), false, Instant.ofEpochMilli(2_000), false));
    }

    /** An index on (pair, asOf) in memory, with no document yet. */
    private static OrderedSecondaryIndex<Integer> rateHistoryIndex() {
        Map<KeyValue, Object> map = new ConcurrentSkipListMap<>(new KeyValueOrder()::compare);
        return new OrderedSecondaryIndex<>("pair_1_asOf_1", List.of(
                new de.bwaldvogel.mongo.backend.IndexKey("pair", true), new de.bwaldvogel.mongo.backend.IndexKey("asOf", true)), false,
                new OrderedSecondaryIndex.Entries(map, from -> map.entrySet().iterator(), Comparator.comparingInt(position -> (Integer) position),
                        OrderedSecondaryIndex.MultikeyMark.inMemory()));
    }

    @Test
    void anIndexSurvivesRestartsAndOneTheFileLacksIsBuiltFromItsDocuments() {
        Path file = dir.resolve("store.mv");
        // Written by the stock store, which records the index and ignores it: the file has no entries for it.
        H2Backend stockBackend = new H2Backend(new MVStore.Builder().fileName(file.toString()).open());
        withDatabase(new MongoServer(stockBackend), database -> {
            MongoCollection<Document> stories = database.getCollection("story_articles");
            stories.createIndex(Indexes.ascending("bands"));
            stories.insertOne(new Document("_id", "article-1").append("bands", List.of("b1", "b2")));
            stories.insertOne(new Document("_id", "article-2").append("bands", List.of("b2", "b3")));
        });

        withDatabase(StandInStore.inFile(file), database -> {
            MongoCollection<Document> stories = database.getCollection("story_articles");
            assertThat(ids(stories.find(Filters.eq("bands", "b2")))).containsExactly("article-1", "article-2");
            stories.insertOne(new Document("_id", "article-3").append("bands", List.of("b3")));
            stories.updateOne(Filters.eq("_id", "article-1"), Updates.set("bands", List.of("b4")));
        });

        withDatabase(StandInStore.inFile(file), database -> {
            MongoCollection<Document> stories = database.getCollection("story_articles");
            assertThat(ids(stories.find(Filters.in("bands", "b2", "b3")))).containsExactly("article-2", "article-3");
            assertThat(ids(stories.find(Filters.eq("bands", "b4")))).containsExactly("article-1");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in memory", "in a file"})
    void writesBeforeTheFirstQueryThatUsesAnIndexAreInItsAnswers(String kind) {
        withDatabase(store(kind), database -> {
            MongoCollection<Document> history = database.getCollection("article_history");
            history.createIndex(Indexes.ascending("countries", "firstSeenAt"));
            history.insertOne(new Document("_id", "article-1").append("countries", List.of("KZ", "UZ")).append("firstSeenAt", new Date(1_000)));
            history.insertOne(new Document("_id", "article-2").append("countries", List.of("KZ")).append("firstSeenAt", new Date(2_000)));
            history.insertOne(new Document("_id", "article-3").append("countries", List.of("TJ")).append("firstSeenAt", new Date(3_000)));
            history.deleteOne(Filters.eq("_id", "article-2"));
            history.updateOne(Filters.eq("_id", "article-3"), Updates.set("countries", List.of("KZ", "TJ")));

            assertThat(ids(history.find(Filters.and(Filters.eq("countries", "KZ"), Filters.gte("firstSeenAt", new Date(500))))))
                    .containsExactly("article-1", "article-3");
            history.deleteOne(Filters.eq("_id", "article-1"));
            assertThat(ids(history.find(Filters.in("countries", "KZ", "UZ")))).containsExactly("article-3");
        });
    }

    @Test
    void indexesAnEarlierVersionKeptWithGenericKeysAreRebuiltFromTheDocuments() {
        Path file = dir.resolve("store.mv");
        withDatabase(StandInStore.inFile(file), database -> {
            MongoCollection<Document> keys = database.getCollection("keys");
            keys.createIndex(Indexes.ascending("keyHash"), new IndexOptions().unique(true));
            keys.createIndex(Indexes.ascending("owner"));
            keys.insertOne(new Document("_id", "key-1").append("keyHash", "h1").append("owner", "aral"));
            keys.insertOne(new Document("_id", "key-2").append("keyHash", "h2").append("owner", "aral"));
        });
        // What an earlier version left: its indexes under another name, their keys in H2's generic encoding.
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        for (String name : List.copyOf(raw.getMapNames())) {
            if (name.contains("._bson_index_")) {
                raw.openMap(name.replace("._bson_index_", "._ordered_index_")).put(new KeyValue("stale"), "key-0");
                raw.removeMap(name);
            }
        }
        raw.close();

        withDatabase(StandInStore.inFile(file), database -> {
            MongoCollection<Document> keys = database.getCollection("keys");
            assertThat(ids(keys.find(Filters.eq("owner", "aral")))).containsExactly("key-1", "key-2");
            assertThatThrownBy(() -> keys.insertOne(new Document("_id", "key-3").append("keyHash", "h1")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        });
        MVStore after = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        assertThat(after.getMapNames()).noneMatch(name -> name.contains("._ordered_index_"))
                .anyMatch(name -> name.endsWith("keys._bson_index_owner_1"));
        after.close();
    }

    private static void assertSameAnswers(MongoCollection<Document> indexed, MongoCollection<Document> scanned) {
        List<Bson> queries = new ArrayList<>();
        for (String field : List.of("a", "tags")) {
            for (Object scalar : SCALARS) {
                queries.add(Filters.eq(field, scalar));
                queries.add(Filters.gt(field, scalar));
                queries.add(Filters.gte(field, scalar));
                queries.add(Filters.lt(field, scalar));
                queries.add(Filters.lte(field, scalar));
                queries.add(Filters.and(Filters.gte(field, scalar), Filters.lt(field, 2)));
                // Both bounds in one condition, as a driver writes a range it builds itself.
                queries.add(new Document(field, new Document("$gte", scalar).append("$lt", 2)));
                queries.add(Filters.in(field, scalar, "uz", new Date(2_000)));
                queries.add(Filters.and(Filters.eq(field, scalar), Filters.eq("b", "kz")));
                queries.add(Filters.and(Filters.gt(field, scalar), Filters.ne(field, 2)));
                queries.add(Filters.eq(field, null));
                queries.add(Filters.eq(field, List.of("kz", 2)));
                queries.add(Filters.exists(field, false));
            }
        }
        for (Object scalar : SCALARS) {
            for (String prefix : List.of("a", "b")) {
                String next = prefix.equals("a") ? "b" : "c";
                queries.add(Filters.and(Filters.eq(prefix, scalar), Filters.gte(next, 1), Filters.lt(next, 2.5)));
                queries.add(new Document(prefix, scalar).append(next, new Document("$gt", 1).append("$lte", "uz")));
                queries.add(Filters.and(Filters.in(prefix, scalar, "kz"), Filters.gt(next, scalar)));
                queries.add(Filters.and(Filters.eq(prefix, scalar), Filters.lte(next, "tj")));
                queries.add(Filters.and(Filters.eq(prefix, scalar), Filters.in(next, 1, "uz", true)));
            }
        }
        queries.add(Filters.and(Filters.eq("a", "kz"), Filters.gte("b", "tj")));
        queries.add(Filters.or(Filters.eq("a", "kz"), Filters.eq("tags", 1)));
        for (Bson query : queries) {
            // In the same order too, sorted or not: a sort leaves ties in the order a scan meets them.
            assertThat(inOrder(indexed.find(query))).as("%s", query).isEqualTo(inOrder(scanned.find(query)));
            assertThat(inOrder(indexed.find(query).sort(Sorts.ascending("a"))))
                    .as("%s sorted", query).isEqualTo(inOrder(scanned.find(query).sort(Sorts.ascending("a"))));
        }
        assertThat(ids(indexed.find())).isEqualTo(ids(scanned.find()));
    }

    private static List<String> inOrder(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(String.valueOf(d.get("_id"))));
        return ids;
    }

    private static TreeSet<String> ids(Iterable<Document> documents) {
        TreeSet<String> ids = new TreeSet<>();
        documents.forEach(d -> ids.add(String.valueOf(d.get("_id"))));
        return ids;
    }

    /** A scalar, null, a missing field, or (when allowed) an array, possibly empty. */
    private static Object value(Random random, boolean arrays) {
        List<Object> others = new ArrayList<>();
        others.add(MISSING);
        others.add(NULL);
        if (arrays) {
            others.add(List.of(SCALARS.get(random.nextInt(SCALARS.size()))));
            others.add(List.of());
            others.add(List.of(SCALARS.get(random.nextInt(SCALARS.size())), SCALARS.get(random.nextInt(SCALARS.size()))));
            others.add(List.of("kz", 2));
        }
        int pick = random.nextInt(SCALARS.size() + others.size());
        return pick < SCALARS.size() ? SCALARS.get(pick) : others.get(pick - SCALARS.size());
    }

    private static void put(Document document, String field, Object value) {
        if (!MISSING.equals(value)) {
            document.append(field, NULL.equals(value) ? null : value);
        }
    }

    private MongoServer store(String kind) {
        return kind.equals("in memory") ? StandInStore.inMemory() : StandInStore.inFile(dir.resolve("store.mv"));
    }
}

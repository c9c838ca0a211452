package io.steppewire.standin;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static io.steppewire.standin.StoreSessions.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandInStoreTest {

    private static final int WRITERS = 6;
    private static final int RESERVATIONS_EACH = 200;
    private static final int READERS = 3;
    private static final int UPDATES = 4_000;
    private static final int FIELDS = 100;
    private static final List<String> COUNTERS = List.of("subscription-a", "subscription-b", "subscription-c");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"in memory", "in a file"})
    void writersReservingFromOneCounterAtOnceNeverShareANumber(String kind) throws Exception {
        MongoServer server = kind.equals("in memory") ? StandInStore.inMemory() : StandInStore.inFile(dir.resolve("store.mv"));
        try {
            assertEveryNumberReservedOnce(server.bind());
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void readersNeverSeeADocumentHalfWayThroughAnUpdate() throws Exception {
        MongoServer server = StandInStore.inMemory();
        try (MongoClient client = client(server.bind()); ExecutorService readers = Executors.newFixedThreadPool(READERS)) {
            MongoCollection<Document> buckets = client.getDatabase("steppewire").getCollection("buckets");
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<List<Document>>> seen = new ArrayList<>();
            for (int reader = 0; reader < READERS; reader++) {
                seen.add(readers.submit(() -> {
                    List<Document> mixed = new ArrayList<>();
                    while (writing.get()) {
                        Document bucket = buckets.find(new Document("_id", "bucket-1")).first();
                        if (bucket != null && bucket.values().stream().skip(1).distinct().count() != 1) {
                            mixed.add(bucket);
                        }
                    }
                    return mixed;
                }));
            }
            try {
                // Every update sets all fields to one value, so a document with two values was read mid-update.
                for (int version = 0; version < UPDATES; version++) {
                    Document fields = new Document();
                    for (int field = 0; field < FIELDS; field++) {
                        fields.append("field-" + field, version);
                    }
                    buckets.updateOne(new Document("_id", "bucket-1"), new Document("$set", fields), new UpdateOptions().upsert(true));
                }
            } finally {
                writing.set(false);
            }
            for (Future<List<Document>> reader : seen) {
                assertThat(reader.get()).isEmpty();
            }
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aFileStoreKeepsItsDocumentsAndTheirUniquenessAcrossARestart() {
        Path file = dir.resolve("kept.mv");
        withStore(StandInStore.inFile(file), articles -> {
            articles.insertOne(new Document("_id", "a-1").append("url", "https://example.kz/1").append("title", "Tenge steady"));
            articles.createIndex(new Document("url", 1), new IndexOptions().unique(true));
        });

        withStore(StandInStore.inFile(file), articles -> {
            assertThat(articles.find(new Document("_id", "a-1")).first()).containsEntry("title", "Tenge steady");
            assertDuplicateKey(() -> articles.insertOne(new Document("_id", "a-1")));
            assertDuplicateKey(() -> articles.insertOne(new Document("_id", "a-2").append("url", "https://example.kz/1")));
            articles.insertOne(new Document("_id", "a-2").append("url", "https://example.kz/2"));
            assertThat(articles.countDocuments()).isEqualTo(2);
        });
    }

    @Test
    void aFileTheStockStoreWroteOpensWithItsDocumentsReencodedAndItsIndexesRebuilt() {
        Path file = dir.resolve("older.mv");
        Document article = new Document("_id", "a-1").append("url", "https://example.kz/1")
                .append("published", new Date(1_773_478_800_000L)).append("countries", List.of("KZ", "UZ"))
                .append("source", new Document("site", "example.kz").append("rank", 2));
        withStore(new MongoServer(new H2Backend(file.toString())), articles -> {
            articles.insertOne(article);
            articles.createIndex(new Document("url", 1), new IndexOptions().unique(true));
        });

        for (int restart = 1; restart <= 2; restart++) {
            withStore(StandInStore.inFile(file), articles -> {
                assertThat(articles.find(new Document("_id", "a-1")).first()).isEqualTo(article);
                assertDuplicateKey(() -> articles.insertOne(new Document("_id", "a-1")));
                assertDuplicateKey(() -> articles.insertOne(new Document("_id", "a-2").append("url", "https://example.kz/1")));
            });
        }
    }

    @Test
    void aCollectionDroppedAndCreatedAgainStartsWithEmptyIndexes() {
        Path file = dir.resolve("dropped.mv");
        withStore(StandInStore.inFile(file), articles -> {
            articles.insertOne(new Document("_id", "a-1"));
            articles.drop();
            articles.insertOne(new Document("_id", "a-1"));
            assertDuplicateKey(() -> articles.insertOne(new Document("_id", "a-1")));
        });

        withStore(StandInStore.inFile(file), articles -> {
            assertThat(articles.countDocuments()).isEqualTo(1);
            assertDuplicateKey(() -> articles.insertOne(new Document("_id", "a-1")));
        });
    }

    /**
     * Each writer reserves blocks of a size of its own ($inc by 1, 2 or 3) and keeps the numbers the answer implies; a
     * shared answer shows as a number kept twice.
     */
    private static void assertEveryNumberReservedOnce(InetSocketAddress address) throws Exception {
        Map<String, Queue<Long>> kept = new ConcurrentHashMap<>();
        COUNTERS.forEach(counter -> kept.put(counter, new ConcurrentLinkedQueue<>()));
        try (MongoClient client = client(address); ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            MongoCollection<Document> counters = client.getDatabase("steppewire").getCollection("sequences");
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                long block = 1 + writer % 3;
                running.add(writers.submit(() -> {
                    for (int i = 0; i < RESERVATIONS_EACH; i++) {
                        for (String counter : COUNTERS) {
                            Document after = counters.findOneAndUpdate(new Document("_id", counter),
                                    new Document("$inc", new Document("next", block)),
                                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
                            long last = after.get("next", Number.class).longValue();
                            for (long n = last - block + 1; n <= last; n++) {
                                kept.get(counter).add(n);
                            }
                        }
                    }
                }));
            }
            for (Future<?> writer : running) {
                writer.get();
            }
        }
        long perCounter = (long) RESERVATIONS_EACH * 2 * (1 + 2 + 3);
        kept.forEach((counter, numbers) -> assertThat(numbers).as(counter)
                .hasSize((int) perCounter)
                .doesNotHaveDuplicates()
                .allMatch(n -> n >= 1 && n <= perCounter));
    }

    private static void withStore(MongoServer server, Consumer<MongoCollection<Document>> use) {
        StoreSessions.withDatabase(server, database -> use.accept(database.getCollection("articles")));
    }

    private static void assertDuplicateKey(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(MongoWriteException.class,
                e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }
}

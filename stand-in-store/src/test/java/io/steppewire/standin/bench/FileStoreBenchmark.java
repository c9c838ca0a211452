package io.steppewire.standin.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.steppewire.standin.StandInStore;
import org.bson.Document;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Times the file-backed stand-in against mongo-java-server's stock H2 backend in the same JVM: inserts, upserts and
 * finds by {@code _id} (the shape of the services' writes), one round trip each, over a collection that grows to
 * {@code -Dstandin.bench.documents} (default 20,000). Rounds alternate so both see the same warmth; the last of
 * {@code -Dstandin.bench.rounds} (default 3) counts.
 */
public final class FileStoreBenchmark {

    private FileStoreBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int documents = Integer.getInteger("standin.bench.documents", 20_000);
        int rounds = Integer.getInteger("standin.bench.rounds", 3);
        Path dir = Files.createTempDirectory("stand-in-bench");
        for (int round = 1; round <= rounds; round++) {
            int current = round;
            Function<Path, MongoServer> stock = file -> new MongoServer(new H2Backend(file.toString()));
            Timings stockTimings = run(stock.apply(dir.resolve("stock-" + round + ".mv")), documents);
            Timings standIn = run(StandInStore.inFile(dir.resolve("stand-in-" + round + ".mv")), documents);
            System.out.printf("round %d of %d, %,d documents, microseconds per operation (stock H2 backend / stand-in):%n",
                    current, rounds, documents);
            System.out.printf("  insert  %7.1f / %7.1f%n", stockTimings.insert(), standIn.insert());
            System.out.printf("  upsert  %7.1f / %7.1f%n", stockTimings.upsert(), standIn.upsert());
            System.out.printf("  find    %7.1f / %7.1f%n", stockTimings.find(), standIn.find());
        }
    }

    private record Timings(double insert, double upsert, double find) {
    }

    private static Timings run(MongoServer server, int documents) {
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> articles = client.getDatabase("steppewire").getCollection("articles");
            long start = System.nanoTime();
            for (int i = 0; i < documents; i++) {
                articles.insertOne(new Document("_id", id(i)).append("title", "Tenge steady " + i).append("seen", 0));
            }
            long inserted = System.nanoTime();
            for (int i = 0; i < documents; i++) {
                articles.updateOne(new Document("_id", id(i)), new Document("$inc", new Document("seen", 1)),
                        new UpdateOptions().upsert(true));
            }
            long upserted = System.nanoTime();
            for (int i = 0; i < documents; i++) {
                articles.find(new Document("_id", id(i))).first();
            }
            long found = System.nanoTime();
            return new Timings(micros(inserted - start, documents), micros(upserted - inserted, documents), micros(found - upserted, documents));
        } finally {
            server.shutdownNow();
        }
    }

    /** Ids in no particular order, as the services' content-derived ids are. */
    private static String id(int i) {
        return "article-" + Integer.toHexString(i * 7919);
    }

    private static double micros(long nanos, int operations) {
        return nanos / 1_000.0 / operations;
    }
}

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
import java.util.List;

/**
 * Times the file-backed stand-in against mongo-java-server's stock H2 backend in the same JVM: inserts, upserts and
 * finds by {@code _id} of article-sized documents (the shape of the services' writes), one round trip each, over a collection that grows to
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
            Path stockFile = dir.resolve("stock-" + round + ".mv");
            Path standInFile = dir.resolve("stand-in-" + round + ".mv");
            Timings stockTimings = run(new MongoServer(new H2Backend(stockFile.toString())), documents);
            Timings standIn = run(StandInStore.inFile(standInFile), documents);
            System.out.printf("round %d of %d, %,d documents, microseconds per operation (stock H2 backend / stand-in):%n",
                    round, rounds, documents);
            System.out.printf("  insert  %7.1f / %7.1f%n", stockTimings.insert(), standIn.insert());
            System.out.printf("  upsert  %7.1f / %7.1f%n", stockTimings.upsert(), standIn.upsert());
            System.out.printf("  find    %7.1f / %7.1f%n", stockTimings.find(), standIn.find());
            System.out.printf("  file    %7.1f / %7.1f MB%n", Files.size(stockFile) / 1e6, Files.size(standInFile) / 1e6);
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
                articles.insertOne(article(i));
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

    /** About the size and shape of a stored article: a title, a paragraph, tags and a nested source. */
    private static Document article(int i) {
        return new Document("_id", id(i))
                .append("title", "Tenge steady against the dollar, day " + i)
                .append("body", "The national bank kept its base rate; exporters sold currency ahead of tax week. ".repeat(8))
                .append("countries", List.of("KZ", "UZ", "KG"))
                .append("topics", List.of("currency", "central-bank"))
                .append("source", new Document("site", "example.kz").append("path", "/news/" + i))
                .append("seen", 0);
    }

    /** Ids in no particular order, as the services' content-derived ids are. */
    private static String id(int i) {
        return "article-" + Integer.toHexString(i * 7919);
    }

    private static double micros(long nanos, int operations) {
        return nanos / 1_000.0 / operations;
    }
}

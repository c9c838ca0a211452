package io.steppewire.standin;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** One session with a test's store: bound, used through the driver as the services use it, then shut down. */
final class StoreSessions {

    private StoreSessions() {
    }

    static void withDatabase(MongoServer server, Consumer<MongoDatabase> use) {
        try (MongoClient client = client(server.bind())) {
            use.accept(client.getDatabase("steppewire"));
        } finally {
            server.shutdownNow();
        }
    }

    static MongoClient client(InetSocketAddress address) {
        return MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }
}

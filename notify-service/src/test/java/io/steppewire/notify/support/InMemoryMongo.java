package io.steppewire.notify.support;

import de.bwaldvogel.mongo.MongoServer;
import io.steppewire.standin.StandInStore;

import java.net.InetSocketAddress;

/** One mongo-java-server for the whole test JVM, started on first use. */
public final class InMemoryMongo {

    private static final MongoServer SERVER = StandInStore.inMemory();
    private static final String URI;

    static {
        InetSocketAddress address = SERVER.bind();
        URI = "mongodb://127.0.0.1:" + address.getPort();
        // Not stopped in a shutdown hook of its own: the Spring context closes in another one, concurrently, and its
        // delivery worker still writes while stopping; a store gone beside it held each such write for the driver's
        // 30 s server selection, and the test JVM's exit with it. The JVM's exit ends the server.
    }

    private InMemoryMongo() {
    }

    public static String uri() {
        return URI;
    }
}

package io.steppewire.notify.support;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/** One mongo-java-server for the whole test JVM, started on first use. */
public final class InMemoryMongo {

    private static final MongoServer SERVER = new MongoServer(new MemoryBackend());
    private static final String URI;

    static {
        InetSocketAddress address = SERVER.bind();
        URI = "mongodb://127.0.0.1:" + address.getPort();
        Runtime.getRuntime().addShutdownHook(new Thread(SERVER::shutdownNow));
    }

    private InMemoryMongo() {
    }

    public static String uri() {
        return URI;
    }
}

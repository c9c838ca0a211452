package io.steppewire.article.support;

import de.bwaldvogel.mongo.MongoServer;
import io.steppewire.standin.StandInStore;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * One in-memory MongoDB-wire server for the whole test JVM, on a fixed port so that it can be stopped
 * and started again to play a store outage.
 */
public final class EmbeddedStore {

    private static final int PORT = freePort();
    private static MongoServer server = start();

    public static synchronized String uri() {
        // Short time-outs so that an outage shows as a failed write within seconds.
        return "mongodb://127.0.0.1:" + PORT + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=1000&heartbeatFrequencyMS=500";
    }

    public static synchronized void stop() {
        server.shutdownNow();
    }

    /** A fresh, empty server on the same port: what a restarted store without a disk looks like. */
    public static synchronized void restart() {
        server = start();
    }

    private static MongoServer start() {
        MongoServer mongo = StandInStore.inMemory();
        mongo.bind("127.0.0.1", PORT);
        return mongo;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the embedded store", e);
        }
    }

    private EmbeddedStore() {
    }
}

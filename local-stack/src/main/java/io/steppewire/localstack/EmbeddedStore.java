package io.steppewire.localstack;

import de.bwaldvogel.mongo.MongoServer;
import io.steppewire.standin.StandInStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stand-in store kept in one file, so the read store survives a restart of the stack.
 */
final class EmbeddedStore implements AutoCloseable {

    private final Path dir;
    private final int port;
    private MongoServer server;

    EmbeddedStore(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    void start() throws IOException {
        Files.createDirectories(dir);
        server = StandInStore.inFile(dir.resolve("steppewire.mv"));
        server.bind("127.0.0.1", port);
    }

    @Override
    public void close() {
        if (server != null) {
            // shutdownNow also closes the backend, which flushes the H2 store to disk.
            server.shutdownNow();
            server = null;
        }
    }
}

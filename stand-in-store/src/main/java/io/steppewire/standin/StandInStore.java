package io.steppewire.standin;

import de.bwaldvogel.mongo.MongoServer;

import java.nio.file.Path;

/**
 * MongoDB wire-protocol servers for the places that cannot run real MongoDB: in memory for tests and benchmarks, in
 * one file for the local stack. Call {@link MongoServer#bind} on the answer to start it.
 */
public final class StandInStore {

    private StandInStore() {
    }

    /** A store that lives as long as the JVM: for tests and component benchmarks. */
    public static MongoServer inMemory() {
        return new MongoServer(new StandInMemoryBackend());
    }

    /** A store kept in {@code file} (created when missing), so its data survives a restart. */
    public static MongoServer inFile(Path file) {
        return new MongoServer(new StandInFileBackend(file));
    }
}

package io.steppewire.standin;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

import java.nio.file.Path;

/**
 * The store kept in one H2 file, answering find and find-and-modify as {@link AtomicAnswers} describes.
 */
final class StandInFileBackend extends H2Backend {

    StandInFileBackend(Path file) {
        super(file.toAbsolutePath().toString());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            return AtomicAnswers.answer(command, query, this::resolveOrCreateCollection, name -> resolveCollection(name, false),
                    () -> super.handleCommand(channel, command, query, resolver, oplog));
        }
    }
}

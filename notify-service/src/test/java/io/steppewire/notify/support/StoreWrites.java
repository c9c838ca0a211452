package io.steppewire.notify.support;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Notes every document the service writes, as the commands it sends to the store name them: each insert, each
 * update or upsert and each delete of a bulk write, and each find-and-modify, by collection and {@code _id}. A test
 * counts what one alert cost from them.
 */
public final class StoreWrites implements CommandListener {

    /** One document written (inserted, updated, upserted or deleted), by the {@code _id} its command named. */
    public record Written(String collection, String command, String id) {
    }

    private final List<Written> written = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        switch (event.getCommandName()) {
            case "insert" -> each(command, "insert", "documents", d -> d);
            case "update" -> each(command, "update", "updates", u -> u.getDocument("q", new BsonDocument()));
            case "delete" -> each(command, "delete", "deletes", d -> d.getDocument("q", new BsonDocument()));
            case "findAndModify" -> note(command.getString("findAndModify").getValue(), "findAndModify",
                    command.getDocument("query", new BsonDocument()));
            default -> {
            }
        }
    }

    private void each(BsonDocument command, String name, String listKey, java.util.function.UnaryOperator<BsonDocument> idHolder) {
        String collection = command.getString(name).getValue();
        for (BsonValue entry : command.getArray(listKey, new BsonArray())) {
            note(collection, name, idHolder.apply(entry.asDocument()));
        }
    }

    private void note(String collection, String command, BsonDocument holder) {
        BsonValue id = holder.get("_id");
        written.add(new Written(collection, command, id != null && id.isString() ? id.asString().getValue() : String.valueOf(id)));
    }

    /** The documents written with one of these ids, in the order the commands started. */
    public List<Written> of(String... ids) {
        List<String> wanted = List.of(ids);
        return written.stream().filter(w -> wanted.contains(w.id())).toList();
    }

    /** Registers the listener with the context's MongoDB client. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Registration {

        @Bean
        StoreWrites storeWrites() {
            return new StoreWrites();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer storeWritesListener(StoreWrites writes) {
            return settings -> settings.addCommandListener(writes);
        }
    }
}

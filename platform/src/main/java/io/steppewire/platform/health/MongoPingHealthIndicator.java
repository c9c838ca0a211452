package io.steppewire.platform.health;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The store answers {@code ping}, which real MongoDB and the embedded mongo-java-server both know.
 * Boot's own indicator asks {@code hello}, which the embedded store does not, so the local stack would
 * never turn healthy; this one takes its bean name.
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoClient mongo;
    private final String database;

    public MongoPingHealthIndicator(MongoClient mongo, String database) {
        super("MongoDB did not answer ping");
        this.mongo = mongo;
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.getDatabase(database).runCommand(new Document("ping", 1));
        builder.up().withDetail("database", database).withDetail("ping", answer.get("ok"));
    }
}

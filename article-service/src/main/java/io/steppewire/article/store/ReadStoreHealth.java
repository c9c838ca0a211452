package io.steppewire.article.store;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The read store answers. Uses {@code ping}, which real MongoDB and the embedded mongo-java-server both
 * know; Boot's own MongoDB indicator asks {@code hello}, which the embedded store does not, so it is
 * switched off ({@code management.health.mongodb.enabled=false}).
 */
@Component("readStore")
public class ReadStoreHealth implements HealthIndicator {

    private final MongoDatabase database;

    public ReadStoreHealth(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public Health health() {
        try {
            database.runCommand(new Document("ping", 1));
            return Health.up().withDetail("database", database.getName()).build();
        } catch (RuntimeException e) {
            return Health.down(e).withDetail("database", database.getName()).build();
        }
    }
}

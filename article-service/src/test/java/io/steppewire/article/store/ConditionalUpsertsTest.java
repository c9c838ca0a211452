package io.steppewire.article.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.steppewire.article.store.ConditionalUpserts.Upsert;
import io.steppewire.article.support.EmbeddedStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalUpsertsTest {

    private MongoClient client;
    private MongoCollection<Document> sightings;

    @BeforeEach
    void openStore() {
        client = MongoClients.create(EmbeddedStore.uri());
        sightings = client.getDatabase("upserts-" + UUID.randomUUID()).getCollection("sightings");
    }

    @AfterEach
    void closeStore() {
        client.close();
    }

    private static Upsert sighting(String id, int version, String note) {
        return new Upsert(id, new Document("_id", id).append("version", version).append("note", note),
                Filters.lt("version", version));
    }

    @Test
    void insertsNewIdsAndReplacesOnlyWhatIsStoredOlder() {
        ConditionalUpserts.run(sightings, List.of(sighting("melon", 2, "second look"), sighting("apricot", 1, "first look")));

        UpsertOutcome outcome = ConditionalUpserts.run(sightings, List.of(
                sighting("melon", 1, "late first look"),
                sighting("apricot", 3, "third look"),
                sighting("cherry", 1, "first look")));

        assertThat(outcome).isEqualTo(new UpsertOutcome(2, 1));
        assertThat(sightings.find(Filters.eq("_id", "melon")).first().getString("note")).isEqualTo("second look");
        assertThat(sightings.find(Filters.eq("_id", "apricot")).first().getString("note")).isEqualTo("third look");
        assertThat(sightings.find(Filters.eq("_id", "cherry")).first().getString("note")).isEqualTo("first look");
    }

    @Test
    void aReplayChangesNothing() {
        List<Upsert> batch = List.of(sighting("melon", 1, "first look"), sighting("apricot", 1, "first look"));
        ConditionalUpserts.run(sightings, batch);

        assertThat(ConditionalUpserts.run(sightings, batch)).isEqualTo(new UpsertOutcome(0, 2));
        assertThat(sightings.countDocuments()).isEqualTo(2);
    }

    @Test
    void keepsAStoredFactWhoseIdSaysEverything() {
        ConditionalUpserts.run(sightings, List.of(new Upsert("change-1", new Document("_id", "change-1").append("note", "kept"), null)));

        UpsertOutcome outcome = ConditionalUpserts.run(sightings,
                List.of(new Upsert("change-1", new Document("_id", "change-1").append("note", "other"), null)));

        assertThat(outcome).isEqualTo(new UpsertOutcome(0, 1));
        assertThat(sightings.find().first().getString("note")).isEqualTo("kept");
    }
}

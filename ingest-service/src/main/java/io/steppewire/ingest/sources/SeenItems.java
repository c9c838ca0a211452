package io.steppewire.ingest.sources;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.BulkWriteOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items already published from sources, collection {@code source_items}: one small document per article id with
 * the hash of the content last published and when it was first seen. It tells a new item from one already seen and
 * from a revision (same id, changed text), so a refetch publishes nothing that Kafka already has.
 */
@Repository
public class SeenItems {

    static final String COLLECTION = "source_items";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    /** What was last published under an article id. */
    public record Seen(String contentHash, Instant firstSeenAt) {
    }

    /** An item to remember after its publication. */
    public record Published(String articleId, String sourceId, String contentHash, Instant firstSeenAt, Instant at) {
    }

    private final MongoTemplate mongo;

    public SeenItems(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    private MongoCollection<Document> items() {
        return mongo.getCollection(COLLECTION);
    }

    /** The known items among these ids, by id; looked up by _id alone, so no other index is needed. */
    public Map<String, Seen> find(Collection<String> articleIds) {
        Map<String, Seen> seen = new HashMap<>();
        if (articleIds.isEmpty()) {
            return seen;
        }
        items().find(Filters.in("_id", articleIds)).forEach(d -> seen.put(d.getString("_id"),
                new Seen(d.getString("contentHash"), d.getDate("firstSeenAt").toInstant())));
        return seen;
    }

    /** Upserts each item by its article id; the first sighting is kept, the content hash is the latest. */
    public void remember(List<Published> published) {
        if (published.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>(published.size());
        for (Published p : published) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", p.articleId()), Updates.combine(
                    Updates.set("contentHash", p.contentHash()), Updates.set("sourceId", p.sourceId()),
                    Updates.set("publishedAt", Date.from(p.at())),
                    Updates.setOnInsert("firstSeenAt", Date.from(p.firstSeenAt()))),
                    new UpdateOptions().upsert(true)));
        }
        items().bulkWrite(writes, UNORDERED);
    }
}

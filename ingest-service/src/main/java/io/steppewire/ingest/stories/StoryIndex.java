package io.steppewire.ingest.stories;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The articles already grouped, collection {@code story_articles} in the service's database: one small document
 * per article ({@code _id} = article id) with its story, its MinHash signature (512 bytes), its LSH band keys and
 * when it was grouped. The multikey index on the band keys (with the time, for the window) finds the candidates of a
 * new article; {@code _id} answers a re-ingest with the story it already has.
 */
@Repository
public class StoryIndex {

    static final String COLLECTION = "story_articles";

    /** A stored article that may tell the same story as a new one. */
    public record Candidate(String articleId, String storyId, StoryFingerprint.Signature signature, Instant seenAt) {
    }

    private final MongoTemplate mongo;

    public StoryIndex(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index("bands", Sort.Direction.ASC)
                .on("seenAt", Sort.Direction.DESC));
    }

    private MongoCollection<Document> articles() {
        return mongo.getCollection(COLLECTION);
    }

    /** The story of each of these articles that is already grouped, by article id. */
    public Map<String, String> storiesOf(Collection<String> articleIds) {
        Map<String, String> stories = new HashMap<>();
        if (!articleIds.isEmpty()) {
            articles().find(Filters.in("_id", articleIds)).projection(Projections.include("storyId"))
                    .forEach(d -> stories.put(d.getString("_id"), d.getString("storyId")));
        }
        return stories;
    }

    /** Articles grouped since {@code since} that share a band key with these, the most recent first. */
    public List<Candidate> candidates(Collection<Long> bands, Instant since, int limit) {
        List<Candidate> candidates = new ArrayList<>();
        articles().find(Filters.and(Filters.in("bands", bands), Filters.gte("seenAt", Date.from(since))))
                .projection(Projections.exclude("bands"))
                .sort(Sorts.descending("seenAt"))
                .limit(limit)
                .forEach(d -> candidates.add(new Candidate(d.getString("_id"), d.getString("storyId"),
                        new StoryFingerprint.Signature(ints(d.get("minHashes", Binary.class).getData()),
                                d.getInteger("shingles")), d.getDate("seenAt").toInstant())));
        return candidates;
    }

    /** An article to record under its story. */
    public record Grouped(String articleId, String storyId, StoryFingerprint.@Nullable Signature signature,
                          List<Long> bands) {
    }

    /**
     * Records each article under its story unless it is recorded already, and answers the story each has now: where
     * another instance recorded an article first, its story wins. The write is one unordered insert of documents
     * keyed by article id whose duplicate-key refusals are the "already recorded" answer - an upsert that only
     * inserts, without an upsert's per-document lookup, which cost the stand-in server seconds per thousand.
     */
    public Map<String, String> record(List<Grouped> grouped, Instant seenAt) {
        if (grouped.isEmpty()) {
            return Map.of();
        }
        List<Document> documents = new ArrayList<>(grouped.size());
        for (Grouped g : grouped) {
            Document document = new Document("_id", g.articleId()).append("storyId", g.storyId())
                    .append("seenAt", Date.from(seenAt)).append("bands", g.bands());
            if (g.signature() != null) {
                document.append("minHashes", new Binary(bytes(g.signature().minHashes())))
                        .append("shingles", g.signature().shingles());
            }
            documents.add(document);
        }
        try {
            articles().insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates || e.getWriteConcernError() != null) {
                throw e;
            }
        }
        return storiesOf(grouped.stream().map(Grouped::articleId).toList());
    }

    private static byte[] bytes(int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    private static int[] ints(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int[] values = new int[bytes.length / Integer.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getInt();
        }
        return values;
    }
}

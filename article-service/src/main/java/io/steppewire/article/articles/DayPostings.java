package io.steppewire.article.articles;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lookup documents of {@link PostingKeys}, kept in two collections read only by {@code _id}. They only
 * ever grow ({@code $addToSet} upserts with deterministic ids), so replays and a second instance add nothing
 * new; an article that moved to another day or lost a tag leaves a stale entry behind, which the reader drops
 * by checking the stored article. They are written before the article, so a stored article is always findable.
 */
final class DayPostings {

    static final String DAYS_COLLECTION = "article_days";
    static final String POSTINGS_COLLECTION = "article_postings";
    private static final String ID = "_id";
    private static final String DAYS = "days";
    private static final String IDS = "ids";
    static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoDatabase database;

    DayPostings(MongoDatabase database) {
        this.database = database;
    }

    private MongoCollection<Document> days() {
        return database.getCollection(DAYS_COLLECTION);
    }

    private MongoCollection<Document> postings() {
        return database.getCollection(POSTINGS_COLLECTION);
    }

    void reset() {
        days().drop();
        postings().drop();
    }

    /** Files every article under each of its keys and its publication day. */
    void record(Collection<ArticleIngested> articles) {
        Map<String, Set<String>> idsPerPosting = new HashMap<>();
        Map<String, Set<String>> daysPerKey = new HashMap<>();
        for (ArticleIngested article : articles) {
            String day = article.publishedOn().toString();
            for (String key : PostingKeys.of(article)) {
                idsPerPosting.computeIfAbsent(PostingKeys.posting(key, article.publishedOn()), k -> new LinkedHashSet<>())
                        .add(article.articleId());
                daysPerKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(day);
            }
        }
        addToSets(postings(), idsPerPosting, IDS);
        addToSets(days(), daysPerKey, DAYS);
    }

    private static void addToSets(MongoCollection<Document> collection, Map<String, Set<String>> valuesPerId, String field) {
        List<WriteModel<Document>> updates = new ArrayList<>(valuesPerId.size());
        valuesPerId.forEach((id, values) -> updates.add(new UpdateOneModel<>(Filters.eq(ID, id),
                Updates.addEachToSet(field, List.copyOf(values)), UPSERT)));
        upsertAll(collection, updates);
    }

    /** Applies upserts of lookup documents in one unordered bulk write (their order does not matter). */
    static void upsertAll(MongoCollection<Document> collection, List<WriteModel<Document>> updates) {
        if (updates.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(updates, UNORDERED);
        } catch (MongoBulkWriteException e) {
            // Two instances upserting the same new id at once: one insert loses on the unique _id; as an
            // update of the document the other created it applies.
            boolean onlyTaken = e.getWriteConcernError() == null && e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyTaken) {
                throw e;
            }
            collection.bulkWrite(e.getWriteErrors().stream().map(error -> updates.get(error.getIndex())).toList(), UNORDERED);
        }
    }

    /** The days each key has articles on. */
    Map<String, Set<LocalDate>> daysOf(Collection<String> keys) {
        Map<String, Set<LocalDate>> daysPerKey = new HashMap<>();
        days().find(Filters.in(ID, keys)).forEach(doc -> {
            Set<LocalDate> days = new LinkedHashSet<>();
            doc.getList(DAYS, String.class, List.of()).forEach(day -> days.add(LocalDate.parse(day)));
            daysPerKey.put(doc.getString(ID), days);
        });
        return daysPerKey;
    }

    /** The article ids filed under each posting id (missing postings are absent). */
    Map<String, List<String>> idsOf(Collection<String> postingIds) {
        Map<String, List<String>> idsPerPosting = new HashMap<>();
        postings().find(Filters.in(ID, postingIds))
                .forEach(doc -> idsPerPosting.put(doc.getString(ID), doc.getList(IDS, String.class, List.of())));
        return idsPerPosting;
    }
}

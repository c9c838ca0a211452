package io.steppewire.article.articles;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The days that have articles: one document ({@code _id} {@code all}) read by {@code _id}, from which listings
 * learn which months of {@link TermPostings} to read. It only ever grows ({@code $addToSet} upserts), so replays
 * and a second instance add nothing new; it is written before the articles.
 */
final class PublicationDays {

    static final String DAYS_COLLECTION = "article_days";
    /** Held a day list per filter value and an id list per value and day before listings read term postings; dropped on reset. */
    private static final String FORMER_POSTINGS_COLLECTION = "article_postings";
    private static final String ID = "_id";
    private static final String DAYS = "days";
    private static final String MONTHS = "months";
    static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoDatabase database;

    PublicationDays(MongoDatabase database) {
        this.database = database;
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(DAYS_COLLECTION);
    }

    void reset() {
        collection().drop();
        // Only when present: the embedded store answers the drop of a missing collection with an error.
        if (database.listCollectionNames().into(new java.util.ArrayList<>()).contains(FORMER_POSTINGS_COLLECTION)) {
            database.getCollection(FORMER_POSTINGS_COLLECTION).drop();
        }
    }

    /** Adds the publication days of the articles, and their months (what listings read). */
    void record(Collection<ArticleIngested> articles) {
        Set<String> days = new TreeSet<>();
        Set<String> months = new TreeSet<>();
        articles.forEach(article -> {
            days.add(article.publishedOn().toString());
            months.add(YearMonth.from(article.publishedOn()).toString());
        });
        if (!days.isEmpty()) {
            upsertAll(collection(), List.of(new UpdateOneModel<>(Filters.eq(ID, PostingKeys.ALL), Updates.combine(
                    Updates.addEachToSet(DAYS, List.copyOf(days)), Updates.addEachToSet(MONTHS, List.copyOf(months))), UPSERT)));
        }
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

    /** Every month that has articles, in no particular order. */
    List<YearMonth> months() {
        // Only the short month list: the day list has hundreds of entries.
        Document all = collection().find(Filters.eq(ID, PostingKeys.ALL)).projection(Projections.include(MONTHS)).first();
        if (all == null) {
            return List.of();
        }
        if (all.containsKey(MONTHS)) {
            return all.getList(MONTHS, String.class).stream().map(YearMonth::parse).toList();
        }
        // Written before months were kept: derive them from the days.
        Document withDays = collection().find(Filters.eq(ID, PostingKeys.ALL)).first();
        return withDays == null ? List.of() : withDays.getList(DAYS, String.class, List.of()).stream()
                .map(day -> YearMonth.from(LocalDate.parse(day))).distinct().toList();
    }
}

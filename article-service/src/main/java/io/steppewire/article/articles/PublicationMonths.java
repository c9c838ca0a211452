package io.steppewire.article.articles;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.steppewire.article.store.ConditionalUpserts;
import io.steppewire.article.store.Generation;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;

import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The months that have articles: one document ({@code _id} {@code all}) read by {@code _id}, from which listings
 * learn which months of {@link TermPostings} to read. It only ever grows ({@code $addToSet} upserts), so replays
 * and a second instance add nothing new; it is written before the articles.
 */
final class PublicationMonths {

    static final String DAYS_COLLECTION = "article_days";
    private static final String ID = "_id";
    private static final String MONTHS = "months";

    private final MongoDatabase database;
    private final Generation generation;

    PublicationMonths(MongoDatabase database, Generation generation) {
        this.database = database;
        this.generation = generation;
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(generation.collection(DAYS_COLLECTION));
    }

    /** Adds the publication months of the articles (what listings read). */
    void record(Collection<ArticleIngested> articles) {
        Set<String> months = new TreeSet<>();
        articles.forEach(article -> months.add(YearMonth.from(article.publishedOn()).toString()));
        if (!months.isEmpty()) {
            ConditionalUpserts.upsertAll(collection(), List.of(new UpdateOneModel<>(Filters.eq(ID, PostingKeys.ALL),
                    Updates.addEachToSet(MONTHS, List.copyOf(months)), ConditionalUpserts.UPSERT)));
        }
    }

    /** Every month that has articles, in no particular order. */
    List<YearMonth> months() {
        Document all = collection().find(Filters.eq(ID, PostingKeys.ALL)).first();
        return all == null ? List.of() : all.getList(MONTHS, String.class, List.of()).stream().map(YearMonth::parse).toList();
    }
}

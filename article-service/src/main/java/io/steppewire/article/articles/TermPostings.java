package io.steppewire.article.articles;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.steppewire.article.search.IndexedText;
import io.steppewire.article.search.TermEntry;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Search postings read only by {@code _id}: one document per analysed term and publication month
 * ({@code copper:2026-03}) holding a {@link TermEntry} per article, so that a {@code q} listing matches and ranks
 * from a few documents instead of scanning the articles (the embedded store uses only the {@code _id} index).
 *
 * <p>Each batch adds one text of entries per posting ({@code $addToSet}, sorted by article id), so a replayed
 * batch adds nothing and a posting grows by one value per batch rather than one per article. A newer sighting of
 * an article adds a newer entry; readers keep the newest one. Like {@link DayPostings} they are written before the
 * article and never shrink: a reader checks the articles it shows.
 */
final class TermPostings {

    static final String COLLECTION = "article_terms";
    private static final String ID = "_id";
    private static final String ENTRIES = "entries";
    /** The month suffix of a posting id: {@code :yyyy-MM}. */
    private static final int MONTH_SUFFIX = 8;

    /** An article with its search fields, as it is about to be stored. */
    record Indexed(ArticleIngested article, IndexedText text) {
    }

    private final MongoDatabase database;

    TermPostings(MongoDatabase database) {
        this.database = database;
    }

    private MongoCollection<Document> postings() {
        return database.getCollection(COLLECTION);
    }

    void reset() {
        postings().drop();
    }

    static String posting(String term, YearMonth month) {
        return term + ":" + month;
    }

    /** Files every article under each of its terms and its publication month. */
    void record(Collection<Indexed> articles) {
        Map<String, List<TermEntry>> entriesPerPosting = new HashMap<>();
        // In id order, so that every posting's entries come out sorted: a replayed batch writes the same text.
        List<Indexed> byId = articles.stream().sorted(Comparator.comparing((Indexed indexed) -> indexed.article().articleId())
                .thenComparing(indexed -> indexed.article().ingestedAt())).toList();
        for (Indexed indexed : byId) {
            ArticleIngested article = indexed.article();
            IndexedText text = indexed.text();
            YearMonth month = YearMonth.from(article.publishedOn());
            long version = article.ingestedAt().toEpochMilli();
            for (int i = 0; i < text.terms().size(); i++) {
                String term = text.terms().get(i);
                entriesPerPosting.computeIfAbsent(posting(term, month), k -> new ArrayList<>()).add(new TermEntry(
                        article.articleId(), version, article.publishedOn(), article.firstSeenAt(), text.termTotal(),
                        text.termCounts().get(i), text.titleTerms().contains(term)));
            }
        }
        List<WriteModel<Document>> updates = new ArrayList<>(entriesPerPosting.size());
        entriesPerPosting.forEach((id, entries) -> {
            StringBuilder chunk = new StringBuilder(entries.size() * 64);
            entries.forEach(entry -> entry.appendTo(chunk));
            updates.add(new UpdateOneModel<>(Filters.eq(ID, id), Updates.addToSet(ENTRIES, chunk.toString()), DayPostings.UPSERT));
        });
        DayPostings.upsertAll(postings(), updates);
    }

    /**
     * The articles filed under every one of the terms in the given months, each with its newest entry per term in
     * the order of the terms. An article whose newest entries differ in version is left out: its newest sighting
     * lacks one of the terms (or is still being stored).
     */
    Map<String, List<TermEntry>> underAll(List<String> terms, Collection<YearMonth> months) {
        if (terms.isEmpty() || months.isEmpty()) {
            return Map.of();
        }
        List<String> ids = new ArrayList<>(terms.size() * months.size());
        terms.forEach(term -> months.forEach(month -> ids.add(posting(term, month))));
        Map<String, List<String>> chunksPerTerm = new HashMap<>();
        postings().find(Filters.in(ID, ids)).forEach(doc -> {
            String id = doc.getString(ID);
            chunksPerTerm.computeIfAbsent(id.substring(0, id.length() - MONTH_SUFFIX), k -> new ArrayList<>())
                    .addAll(doc.getList(ENTRIES, String.class, List.of()));
        });
        Map<String, Posted[]> found = null;
        for (int t = 0; t < terms.size(); t++) {
            Map<String, Posted> newest = newestPerArticle(chunksPerTerm.getOrDefault(terms.get(t), List.of()), found);
            if (found == null) {
                found = new HashMap<>(newest.size() * 2);
                for (Map.Entry<String, Posted> entry : newest.entrySet()) {
                    Posted[] perTerm = new Posted[terms.size()];
                    perTerm[0] = entry.getValue();
                    found.put(entry.getKey(), perTerm);
                }
            } else {
                found.keySet().retainAll(newest.keySet());
                int term = t;
                found.forEach((articleId, perTerm) -> perTerm[term] = newest.get(articleId));
            }
        }
        Map<String, List<TermEntry>> matching = new HashMap<>(found.size() * 2);
        found.forEach((articleId, perTerm) -> {
            List<TermEntry> entries = new ArrayList<>(perTerm.length);
            for (Posted posted : perTerm) {
                if (posted.version() != perTerm[0].version()) {
                    return;
                }
                entries.add(TermEntry.at(posted.chunk(), posted.position()));
            }
            matching.put(articleId, entries);
        });
        return matching;
    }

    /** Where an article's newest entry under a term is: decoded only when the article matches every term. */
    private record Posted(String chunk, int position, long version) {
    }

    /** The newest entry of each article in the chunks; only articles in {@code among} when it is given. */
    private static Map<String, Posted> newestPerArticle(List<String> chunks, @Nullable Map<String, Posted[]> among) {
        Map<String, Posted> newest = new HashMap<>();
        for (String chunk : chunks) {
            TermEntry.Reader reader = new TermEntry.Reader(chunk);
            while (reader.next()) {
                if (among == null || among.containsKey(reader.articleId())) {
                    Posted kept = newest.get(reader.articleId());
                    if (kept == null || reader.version() > kept.version()) {
                        newest.put(reader.articleId(), new Posted(chunk, reader.position(), reader.version()));
                    }
                }
            }
        }
        return newest;
    }
}

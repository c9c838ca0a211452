package io.steppewire.article.articles;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import io.steppewire.article.search.IndexedText;
import io.steppewire.article.store.ConditionalUpserts;
import io.steppewire.article.store.UpsertOutcome;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.steppewire.article.articles.ArticleDocuments.ID;
import static io.steppewire.article.articles.ArticleDocuments.INGESTED_AT;
import static io.steppewire.article.articles.ArticleDocuments.POSTINGS_DIGEST;
import static io.steppewire.article.articles.ArticleDocuments.POSTINGS_VERSION;

/**
 * Stores sightings of articles and files in {@link TermPostings} and {@link StoryMembers} exactly the ones the stored
 * articles need:
 * <ul>
 * <li>a sighting is stored when none is stored for its id, or the stored one was ingested earlier (the store decides,
 * by a conditional write, so instances and a rebuild beside the live projection cannot race);</li>
 * <li>one whose postings would say what the stored one's say (the same page posted again: equal
 * {@link TermPostings#digest digest}) replaces the article but keeps its entries and their version
 * ({@code postingsVersion}): re-posting a page adds nothing to any posting;</li>
 * <li>entries are filed by the writer whose sighting the store holds with its own version, after storing it: an
 * older sighting that loses never files entries that could outrank the stored article's. A batch that fails after
 * storing comes again, finds its sighting stored with its version and files again (chunks and chunk ids are
 * idempotent).</li>
 * </ul>
 * Until its entries are filed, moments after it is stored, a new or changed article is found by id but not yet by
 * listings and search.
 */
final class ArticleWrites {

    private static final int LOOKUP_SLICE = 500;
    /** Rounds of one batch; each further round means another writer changed one of its articles in between. */
    private static final int MAX_ROUNDS = 10;

    private final Supplier<MongoCollection<Document>> articles;
    private final PublicationMonths publicationMonths;
    private final TermPostings termPostings;
    private final StoryMembers storyMembers;

    ArticleWrites(Supplier<MongoCollection<Document>> articles, PublicationMonths publicationMonths, TermPostings termPostings,
                  StoryMembers storyMembers) {
        this.articles = articles;
        this.publicationMonths = publicationMonths;
        this.termPostings = termPostings;
        this.storyMembers = storyMembers;
    }

    /** A sighting with what its write needs. */
    private record Sighting(ArticleIngested event, IndexedText text, String digest) {

        String id() {
            return event.articleId();
        }

        long version() {
            return event.ingestedAt().toEpochMilli();
        }

        Document document(long postingsVersion) {
            return ArticleDocuments.toDocument(event, text, digest, postingsVersion);
        }

        TermPostings.Indexed indexed() {
            return new TermPostings.Indexed(event, text);
        }
    }

    /** What is stored for an id, as far as the write decides by it. */
    private record Stored(long version, @Nullable String digest, long postingsVersion) {

        boolean filedAs(Sighting sighting) {
            return version == sighting.version() && postingsVersion == sighting.version() && sighting.digest().equals(digest);
        }
    }

    UpsertOutcome upsertAll(List<ArticleIngested> events) {
        Map<String, ArticleIngested> newestPerId = new LinkedHashMap<>();
        for (ArticleIngested event : events) {
            newestPerId.merge(event.articleId(), event, (a, b) -> b.ingestedAt().isAfter(a.ingestedAt()) ? b : a);
        }
        if (newestPerId.isEmpty()) {
            return UpsertOutcome.NOTHING;
        }
        List<Sighting> pending = new ArrayList<>(newestPerId.size());
        for (ArticleIngested event : newestPerId.values()) {
            IndexedText text = ArticleDocuments.indexed(event);
            pending.add(new Sighting(event, text, TermPostings.digest(event, text)));
        }
        publicationMonths.record(newestPerId.values());
        Map<String, Stored> stored = stored(pending);
        Set<String> applied = new HashSet<>();
        List<TermPostings.Indexed> filing = new ArrayList<>();
        for (int round = 1; !pending.isEmpty(); round++) {
            if (round > MAX_ROUNDS) {
                throw new IllegalStateException(pending.size() + " articles changed under every one of " + MAX_ROUNDS
                        + " attempts to store them, e.g. " + pending.getFirst().id());
            }
            List<Sighting> fresh = new ArrayList<>();
            List<Sighting> replaced = new ArrayList<>();
            List<ReplaceOneModel<Document>> replacements = new ArrayList<>();
            for (Sighting sighting : pending) {
                Stored now = stored.get(sighting.id());
                Date version = new Date(sighting.version());
                if (now == null) {
                    fresh.add(sighting);
                } else if (now.version() >= sighting.version()) {
                    // A replay or an older sighting. A replay of the stored sighting files again: its first filing
                    // may have been cut short.
                    if (now.filedAs(sighting)) {
                        filing.add(sighting.indexed());
                    }
                } else if (sighting.digest().equals(now.digest())) {
                    replaced.add(sighting);
                    replacements.add(new ReplaceOneModel<>(Filters.and(Filters.eq(ID, sighting.id()), Filters.lt(INGESTED_AT, version),
                            Filters.eq(POSTINGS_DIGEST, sighting.digest()), Filters.eq(POSTINGS_VERSION, now.postingsVersion())),
                            sighting.document(now.postingsVersion())));
                } else {
                    replaced.add(sighting);
                    replacements.add(new ReplaceOneModel<>(Filters.and(Filters.eq(ID, sighting.id()), Filters.lt(INGESTED_AT, version)),
                            sighting.document(sighting.version())));
                }
            }
            List<Sighting> recheck = new ArrayList<>(replaced);
            for (Sighting inserted : insert(fresh, recheck)) {
                applied.add(inserted.id());
                filing.add(inserted.indexed());
            }
            if (!replacements.isEmpty()) {
                articles.get().bulkWrite(replacements, new BulkWriteOptions().ordered(false));
            }
            // Which replacements took effect: the store decided each by its filter.
            stored = stored(recheck);
            pending = new ArrayList<>();
            for (Sighting sighting : recheck) {
                Stored now = stored.get(sighting.id());
                if (now == null || now.version() < sighting.version()) {
                    pending.add(sighting);
                } else if (now.version() == sighting.version()) {
                    applied.add(sighting.id());
                    if (now.filedAs(sighting)) {
                        filing.add(sighting.indexed());
                    }
                }
            }
        }
        termPostings.record(filing);
        storyMembers.record(filing.stream().map(TermPostings.Indexed::article).toList());
        return new UpsertOutcome(applied.size(), events.size() - applied.size());
    }

    /** Inserts the sightings of ids not stored yet; returns those inserted and adds those taken meanwhile to {@code taken}. */
    private List<Sighting> insert(List<Sighting> fresh, List<Sighting> taken) {
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<InsertOneModel<Document>> inserts = fresh.stream()
                .map(sighting -> new InsertOneModel<>(sighting.document(sighting.version()))).toList();
        try {
            articles.get().bulkWrite(inserts, new BulkWriteOptions().ordered(false));
            return fresh;
        } catch (MongoBulkWriteException e) {
            // Another writer stored the id first: decided with the replacements, from what is stored now.
            ConditionalUpserts.requireOnlyDuplicateKeys(e);
            Set<Integer> failed = new HashSet<>();
            e.getWriteErrors().forEach(error -> failed.add(error.getIndex()));
            List<Sighting> inserted = new ArrayList<>(fresh.size());
            for (int i = 0; i < fresh.size(); i++) {
                (failed.contains(i) ? taken : inserted).add(fresh.get(i));
            }
            return inserted;
        }
    }

    /** What is stored for the sightings' ids, read by {@code _id} in slices. */
    private Map<String, Stored> stored(Collection<Sighting> sightings) {
        List<String> ids = sightings.stream().map(Sighting::id).toList();
        Map<String, Stored> stored = new HashMap<>(ids.size());
        for (int from = 0; from < ids.size(); from += LOOKUP_SLICE) {
            // In slices: the embedded store checks every document it finds against the whole $in list.
            articles.get().find(Filters.in(ID, ids.subList(from, Math.min(ids.size(), from + LOOKUP_SLICE))))
                    .projection(Projections.include(INGESTED_AT, POSTINGS_DIGEST, POSTINGS_VERSION))
                    .forEach(doc -> stored.put(doc.getString(ID), new Stored(doc.getDate(INGESTED_AT).getTime(),
                            doc.getString(POSTINGS_DIGEST), number(doc.get(POSTINGS_VERSION)))));
        }
        return stored;
    }

    private static long number(@Nullable Object value) {
        return value instanceof Number number ? number.longValue() : -1;
    }
}

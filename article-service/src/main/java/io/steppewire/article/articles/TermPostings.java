package io.steppewire.article.articles;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import io.steppewire.article.search.IndexedText;
import io.steppewire.article.search.SearchQuery;
import io.steppewire.article.store.ConditionalUpserts;
import io.steppewire.article.store.Generation;
import io.steppewire.article.search.TermEntry;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Search postings read only by {@code _id}: per analysed term and publication month ({@code copper:2026-03}) the
 * chunks filed under it, so that a {@code q} listing matches and ranks from a few documents instead of scanning the
 * articles (a lookup by {@code _id}, which every store answers from its primary index).
 *
 * <p>A chunk is the text of one batch's {@link TermEntry entries} for one posting (continued in a further chunk past
 * {@link PostingLimits#chunkChars()}), stored once under an id made from its content and never changed. Each batch
 * inserts its chunks and then adds their ids to the posting's newest bucket ({@link PostingBuckets}): a replayed
 * batch adds nothing, and a posting grows by one small value per batch, spread over documents of bounded size.
 * Because a chunk id names its content, a posting's entries follow from its chunk ids alone, so the service keeps
 * the entries of recently searched terms in memory and reads only the chunks added since (a bounded cache, least
 * recently used out first). A newer sighting of an article whose entries differ adds newer entries; readers keep
 * the newest one. Postings never shrink: a reader checks what it shows. {@link ArticleWrites} decides which
 * sightings are filed.
 */
final class TermPostings {

    static final String COLLECTION = "article_terms";
    static final String CHUNK_COLLECTION = "article_term_chunks";
    private static final String ID = "_id";
    private static final String ENTRIES = "entries";
    /** Marks a filter value's posting ({@code #country:KZ:2026-03}); the analyser never emits '#'. */
    private static final String KEY_PREFIX = "#";
    /** Chunks read per query: the embedded store checks every document it finds against the whole $in list. */
    private static final int READ_SLICE = 200;
    /** Queries whose intersections are kept: each holds references to entries cached anyway, plus its own map. */
    private static final int MAX_CACHED_INTERSECTIONS = 64;
    /** About 300 bytes of heap each; only searched terms are cached. */
    private static final int MAX_CACHED_ENTRIES = 1_000_000;

    /** An article with its search fields, as it is about to be stored. */
    record Indexed(ArticleIngested article, IndexedText text) {
    }

    /** Newest first by publication day, first sighting and id: the order of listings without q. */
    static final Comparator<TermEntry> NEWEST_FIRST = Comparator.comparing(TermEntry::publishedOn)
            .thenComparing(TermEntry::firstSeenAt).thenComparing(TermEntry::articleId).reversed();

    /** The newest entry per article of a term over some postings, and the chunk ids it was made from. */
    private static final class TermIndex {

        private final Map<String, List<String>> chunksPerBucket;
        private final Map<String, TermEntry> newest;
        /** Sorted once per index rather than on every listing that reads it. */
        private volatile @Nullable List<TermEntry> newestFirst;

        private TermIndex(Map<String, List<String>> chunksPerBucket, Map<String, TermEntry> newest) {
            this.chunksPerBucket = chunksPerBucket;
            this.newest = newest;
        }

        Map<String, List<String>> chunksPerBucket() {
            return chunksPerBucket;
        }

        Map<String, TermEntry> newest() {
            return newest;
        }

        List<TermEntry> newestFirst() {
            List<TermEntry> sorted = newestFirst;
            if (sorted == null) {
                sorted = newest.values().stream().sorted(NEWEST_FIRST).toList();
                newestFirst = sorted;
            }
            return sorted;
        }
    }

    /** The index of a term nothing is filed under in the months read. */
    private static final TermIndex NOTHING_FILED = new TermIndex(Map.of(), Map.of());

    private final MongoDatabase database;
    private final Generation generation;
    private final PostingLimits limits;
    private final PostingBuckets buckets;
    private final Map<String, TermIndex> cache = new LinkedHashMap<>(64, 0.75f, true);
    /** The last intersections of the queries searched most recently, least recently used out. */
    private final Map<String, Intersection> intersections = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Intersection> eldest) {
            return size() > MAX_CACHED_INTERSECTIONS;
        }
    };
    private long cachedEntries;

    TermPostings(MongoDatabase database, Generation generation, PostingLimits limits) {
        this.database = database;
        this.generation = generation;
        this.limits = limits;
        this.buckets = new PostingBuckets(this::postings, limits);
    }

    private MongoCollection<Document> postings() {
        return database.getCollection(generation.collection(COLLECTION));
    }

    private MongoCollection<Document> chunks() {
        return database.getCollection(generation.collection(CHUNK_COLLECTION));
    }

    /** Forgets what was cached, as when the collections were dropped. */
    void forget() {
        buckets.forget();
        synchronized (cache) {
            cache.clear();
            cachedEntries = 0;
        }
        synchronized (intersections) {
            intersections.clear();
        }
    }

    static String posting(String term, YearMonth month) {
        return term + ":" + month;
    }

    /**
     * What an article's entries say apart from its version: equal for two sightings exactly when they would be
     * filed under the same postings with the same entries, as when the same page is posted again.
     */
    static String digest(ArticleIngested article, IndexedText text) {
        StringBuilder filed = new StringBuilder(256 + text.terms().size() * 12);
        filed.append(article.publishedOn()).append('|').append(article.firstSeenAt().toEpochMilli()).append('|')
                .append(text.termTotal());
        new TreeSet<>(PostingKeys.of(article)).forEach(key -> filed.append('|').append(KEY_PREFIX).append(key));
        String story = StoryMembers.filedStory(article);
        if (story != null) {
            // Only then, so that the digests of articles without a story stay what earlier versions stored.
            filed.append("|@story:").append(story);
        }
        for (int i = 0; i < text.terms().size(); i++) {
            String term = text.terms().get(i);
            filed.append('|').append(term).append(',').append(text.termCounts().get(i))
                    .append(text.titleTerms().contains(term) ? ",t" : "");
        }
        return hash(filed.toString());
    }

    /** Files every article under each of its terms and its publication month. */
    void record(Collection<Indexed> articles) {
        if (articles.isEmpty()) {
            return;
        }
        Map<String, List<StringBuilder>> chunksPerPosting = new HashMap<>();
        // In id order, so that a replayed batch writes the very same chunks.
        List<Indexed> byId = articles.stream().sorted(Comparator.comparing((Indexed indexed) -> indexed.article().articleId())
                .thenComparing(indexed -> indexed.article().ingestedAt())).toList();
        for (Indexed indexed : byId) {
            ArticleIngested article = indexed.article();
            IndexedText text = indexed.text();
            YearMonth month = YearMonth.from(article.publishedOn());
            String articlePart = TermEntry.articlePart(article.articleId(), article.ingestedAt().toEpochMilli(),
                    article.publishedOn(), article.firstSeenAt(), text.termTotal());
            // Filter values as well ("all" included): a filtered q intersects postings that are cached alike, and
            // newest-first listings walk them month by month.
            for (String key : PostingKeys.of(article)) {
                append(chunksPerPosting.computeIfAbsent(posting(KEY_PREFIX + key, month), k -> new ArrayList<>(1)),
                        articlePart, 0, false);
            }
            for (int i = 0; i < text.terms().size(); i++) {
                String term = text.terms().get(i);
                append(chunksPerPosting.computeIfAbsent(posting(term, month), k -> new ArrayList<>(1)),
                        articlePart, text.termCounts().get(i), text.titleTerms().contains(term));
            }
        }
        List<InsertOneModel<Document>> inserts = new ArrayList<>(chunksPerPosting.size());
        Map<String, List<String>> chunkIds = new HashMap<>(chunksPerPosting.size());
        chunksPerPosting.forEach((postingId, chunks) -> {
            List<String> ids = new ArrayList<>(chunks.size());
            for (StringBuilder chunk : chunks) {
                String text = chunk.toString();
                String chunkId = chunkId(postingId, text);
                inserts.add(new InsertOneModel<>(new Document(ID, chunkId).append(ENTRIES, text)));
                ids.add(chunkId);
            }
            chunkIds.put(postingId, ids);
        });
        insertChunks(inserts);
        buckets.add(chunkIds);
    }

    /** Appends an entry to the batch's last chunk of a posting, or to a new chunk once that one has its fill. */
    private void append(List<StringBuilder> chunks, String articlePart, int count, boolean inTitle) {
        if (chunks.isEmpty()) {
            chunks.add(new StringBuilder());
        }
        StringBuilder last = chunks.getLast();
        int before = last.length();
        TermEntry.appendTo(last, articlePart, count, inTitle);
        if (before > 0 && last.length() > limits.chunkChars()) {
            chunks.add(new StringBuilder(last.substring(before)));
            last.setLength(before);
        }
    }

    private void insertChunks(List<InsertOneModel<Document>> inserts) {
        if (inserts.isEmpty()) {
            return;
        }
        try {
            chunks().bulkWrite(inserts, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // A chunk stored already (a replay, or another instance with the same batch) holds the same text.
            ConditionalUpserts.requireOnlyDuplicateKeys(e);
        }
    }

    /** An id that names the chunk's content, so that equal ids always mean equal entries. */
    private static String chunkId(String postingId, String text) {
        MessageDigest digest = sha256();
        digest.update(postingId.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static String hash(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The articles filed under the query's terms as its AND, OR and NOT combine them ({@link SearchQuery#candidates}) and
     * under some key of every key group (see {@link PostingKeys#of(io.steppewire.article.query.ArticleFilter)}) in the
     * given months, each with its newest entry under each of {@link SearchQuery#terms()} it has, in that order. An
     * article whose newest entries differ in version is left out: its newest sighting lacks one of the terms or keys
     * (or is still being stored). Phrases, and what NOT excludes beyond plain words, are for the reader to check on the
     * stored article.
     */
    Map<String, List<TermEntry>> matching(SearchQuery query, List<List<String>> keyGroups, Collection<YearMonth> months) {
        if (months.isEmpty()) {
            return Map.of();
        }
        List<String> terms = query.postingTerms();
        List<String> names = new ArrayList<>(terms);
        keyGroups.forEach(group -> group.forEach(key -> names.add(KEY_PREFIX + key)));
        Map<String, Map<String, Map<String, List<String>>>> chunksPerName = chunkLists(names, months);
        List<TermIndex> sources = new ArrayList<>(names.size());
        Map<String, Map<String, TermEntry>> perTerm = new HashMap<>();
        for (String term : terms) {
            Map<String, Map<String, List<String>>> chunkIds = chunksPerName.get(term);
            TermIndex index = chunkIds == null ? NOTHING_FILED : newestUnder(term, chunkIds);
            sources.add(index);
            perTerm.put(term, index.newest());
        }
        List<List<Map<String, TermEntry>>> perGroup = new ArrayList<>(keyGroups.size());
        for (List<String> group : keyGroups) {
            List<Map<String, TermEntry>> alternatives = new ArrayList<>(group.size());
            for (String key : group) {
                Map<String, Map<String, List<String>>> chunkIds = chunksPerName.get(KEY_PREFIX + key);
                if (chunkIds != null) {
                    TermIndex index = newestUnder(KEY_PREFIX + key, chunkIds);
                    sources.add(index);
                    alternatives.add(index.newest());
                }
            }
            perGroup.add(alternatives);
        }
        // The same indexes (none of their postings grew) give the same matches: half of a q's CPU otherwise.
        String cacheKey = query.key() + "|" + names + "|" + months;
        Intersection known;
        synchronized (intersections) {
            known = intersections.get(cacheKey);
        }
        if (known != null && known.madeFrom(sources)) {
            return known.matching();
        }
        Map<String, List<TermEntry>> matching = new HashMap<>();
        query.candidates(perTerm::get).forEach((articleId, entries) -> {
            if (!entries.isEmpty() && everyTermAndGroupHas(articleId, entries.getFirst().version(), List.of(), perGroup)) {
                matching.put(articleId, entries);
            }
        });
        Map<String, List<TermEntry>> result = Collections.unmodifiableMap(matching);
        synchronized (intersections) {
            intersections.put(cacheKey, new Intersection(List.copyOf(sources), result));
        }
        return result;
    }

    /** The result of {@link #matching} and the cached indexes it was computed from. */
    private record Intersection(List<TermIndex> sources, Map<String, List<TermEntry>> matching) {

        /** True when made from these very indexes: a cached index is replaced, never changed, when its posting grows. */
        boolean madeFrom(List<TermIndex> now) {
            if (now.size() != sources.size()) {
                return false;
            }
            for (int i = 0; i < now.size(); i++) {
                if (now.get(i) != sources.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The chunk ids of each posting of the names in the months, per name, posting id and bucket id (see
     * {@link PostingBuckets}); a name without postings in the months is left out.
     */
    private Map<String, Map<String, Map<String, List<String>>>> chunkLists(List<String> names, Collection<YearMonth> months) {
        Map<String, String> nameOfPosting = new HashMap<>(names.size() * months.size());
        names.forEach(name -> months.forEach(month -> nameOfPosting.put(posting(name, month), name)));
        Map<String, Map<String, Map<String, List<String>>>> chunksPerName = new HashMap<>();
        buckets.chunkIds(nameOfPosting.keySet()).forEach((postingId, chunkIds) ->
                chunksPerName.computeIfAbsent(nameOfPosting.get(postingId), k -> new HashMap<>()).put(postingId, chunkIds));
        return chunksPerName;
    }

    /** The postings of some filter values (see {@link PostingKeys}) over some months, read once for a listing. */
    final class KeyPostings {

        private final List<List<String>> keyGroups;
        private final Map<String, Map<String, Map<String, List<String>>>> chunksPerName;

        private KeyPostings(List<List<String>> keyGroups, Map<String, Map<String, Map<String, List<String>>>> chunksPerName) {
            this.keyGroups = keyGroups;
            this.chunksPerName = chunksPerName;
        }

        /**
         * The articles filed in the month under some key of every group, each with its newest entry there, newest
         * first ({@link #NEWEST_FIRST}); an article whose newest entries differ in version between the groups is
         * left out (as in {@link #matching}).
         */
        List<TermEntry> newestFirstIn(YearMonth month) {
            List<List<TermIndex>> perGroup = new ArrayList<>(keyGroups.size());
            for (List<String> group : keyGroups) {
                List<TermIndex> alternatives = new ArrayList<>(group.size());
                for (String key : group) {
                    String postingId = posting(KEY_PREFIX + key, month);
                    Map<String, List<String>> chunkIds = chunksPerName.getOrDefault(KEY_PREFIX + key, Map.of()).get(postingId);
                    if (chunkIds != null) {
                        alternatives.add(newestUnder(KEY_PREFIX + key, Map.of(postingId, chunkIds)));
                    }
                }
                if (alternatives.isEmpty()) {
                    return List.of();
                }
                perGroup.add(alternatives);
            }
            if (perGroup.size() == 1 && perGroup.getFirst().size() == 1) {
                return perGroup.getFirst().getFirst().newestFirst();
            }
            List<List<Map<String, TermEntry>>> maps = perGroup.stream()
                    .map(alternatives -> alternatives.stream().map(TermIndex::newest).toList()).toList();
            Map<String, TermEntry> found = new HashMap<>();
            for (Map<String, TermEntry> alternative : maps.getFirst()) {
                alternative.forEach((articleId, entry) -> {
                    TermEntry kept = found.get(articleId);
                    if ((kept == null || entry.version() > kept.version())
                            && everyTermAndGroupHas(articleId, entry.version(), List.of(), maps)) {
                        found.put(articleId, entry);
                    }
                });
            }
            return found.values().stream().sorted(NEWEST_FIRST).toList();
        }
    }

    /** The postings of the filter's key groups over the months, for {@link KeyPostings#newestFirstIn}. */
    KeyPostings ofKeys(List<List<String>> keyGroups, Collection<YearMonth> months) {
        List<String> names = new ArrayList<>();
        keyGroups.forEach(group -> group.forEach(key -> names.add(KEY_PREFIX + key)));
        return new KeyPostings(keyGroups, months.isEmpty() ? Map.of() : chunkLists(names, months));
    }

    private static boolean everyTermAndGroupHas(String articleId, long version, List<Map<String, TermEntry>> perTerm,
                                                List<List<Map<String, TermEntry>>> perGroup) {
        for (Map<String, TermEntry> newest : perTerm) {
            TermEntry entry = newest.get(articleId);
            if (entry == null || entry.version() != version) {
                return false;
            }
        }
        for (List<Map<String, TermEntry>> alternatives : perGroup) {
            boolean found = false;
            for (Map<String, TermEntry> newest : alternatives) {
                TermEntry entry = newest.get(articleId);
                found |= entry != null && entry.version() == version;
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * The newest entry per article of a term over its postings (chunk ids per posting and bucket): from the cache,
     * read only what it lacks.
     */
    private TermIndex newestUnder(String term, Map<String, Map<String, List<String>>> postings) {
        // A date range reads fewer months: a separate index of the same term.
        String key = term + "|" + String.join(",", new TreeSet<>(postings.keySet()));
        Map<String, List<String>> chunksPerBucket = new HashMap<>();
        postings.values().forEach(chunksPerBucket::putAll);
        TermIndex cached;
        synchronized (cache) {
            cached = cache.get(key);
        }
        Map<String, TermEntry> newest;
        List<String> missing = new ArrayList<>();
        if (cached != null && grewFrom(chunksPerBucket, cached.chunksPerBucket())) {
            chunksPerBucket.forEach((bucketId, ids) ->
                    missing.addAll(ids.subList(cached.chunksPerBucket().getOrDefault(bucketId, List.of()).size(), ids.size())));
            if (missing.isEmpty()) {
                return cached;
            }
            newest = new HashMap<>(cached.newest());
        } else {
            chunksPerBucket.values().forEach(missing::addAll);
            newest = new HashMap<>();
        }
        for (int from = 0; from < missing.size(); from += READ_SLICE) {
            chunks().find(Filters.in(ID, missing.subList(from, Math.min(missing.size(), from + READ_SLICE))))
                    .forEach(doc -> addNewest(doc.getString(ENTRIES), newest));
        }
        TermIndex index = new TermIndex(Map.copyOf(chunksPerBucket), newest);
        remember(key, index);
        return index;
    }

    /**
     * True when every bucket that was cached is still there and starts with the chunks cached of it; buckets opened
     * since are new chunks like those added to a bucket.
     */
    private static boolean grewFrom(Map<String, List<String>> now, Map<String, List<String>> cached) {
        for (Map.Entry<String, List<String>> bucket : cached.entrySet()) {
            List<String> before = bucket.getValue();
            List<String> ids = now.get(bucket.getKey());
            if (ids == null || ids.size() < before.size() || !ids.subList(0, before.size()).equals(before)) {
                return false;
            }
        }
        return true;
    }

    private static void addNewest(String chunk, Map<String, TermEntry> newest) {
        TermEntry.Reader reader = new TermEntry.Reader(chunk);
        while (reader.next()) {
            TermEntry kept = newest.get(reader.articleId());
            if (kept == null || reader.version() > kept.version()) {
                newest.put(reader.articleId(), reader.entry());
            }
        }
    }

    private void remember(String key, TermIndex index) {
        synchronized (cache) {
            TermIndex replaced = cache.put(key, index);
            cachedEntries += index.newest().size() - (replaced == null ? 0 : replaced.newest().size());
            var eldest = cache.entrySet().iterator();
            while (cachedEntries > MAX_CACHED_ENTRIES && eldest.hasNext()) {
                cachedEntries -= eldest.next().getValue().newest().size();
                eldest.remove();
            }
        }
    }
}

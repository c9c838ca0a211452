package io.steppewire.article.articles;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.micrometer.core.instrument.DistributionSummary;
import io.steppewire.article.query.ArticleCursor;
import io.steppewire.article.query.ArticleFilter;
import io.steppewire.article.search.Relevance;
import io.steppewire.article.search.SearchQuery;
import io.steppewire.article.search.TermEntry;
import io.steppewire.article.store.Generation;
import io.steppewire.article.store.ProjectionGenerations;
import io.steppewire.article.store.UpsertOutcome;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.steppewire.article.articles.ArticleDocuments.*;

/**
 * The articles of one {@link Generation} of the read model: the articles collection with the publication months and
 * term postings that listings and search read; idempotent upserts from the event stream and the queries of the API.
 */
final class ArticleGeneration {

    static final String COLLECTION = "articles";
    /** Every collection of a generation, by its base name. */
    static final List<String> COLLECTIONS = List.of(COLLECTION, PublicationMonths.DAYS_COLLECTION, TermPostings.COLLECTION,
            TermPostings.CHUNK_COLLECTION, StoryMembers.COLLECTION);
    /** Held a day list per filter value and an id list per value and day before listings read term postings. */
    private static final String FORMER_POSTINGS_COLLECTION = "article_postings";
    private static final int CANDIDATE_BATCH = 2_000;
    /** Rankings of the queries searched most recently (each up to a few ten thousand small candidates). */
    private static final int MAX_CACHED_RANKINGS = 64;

    private final MongoDatabase database;
    private final Generation generation;
    private final DistributionSummary searchCandidates;
    private final PublicationMonths publicationMonths;
    private final TermPostings termPostings;
    private final StoryMembers storyMembers;
    private final ArticleWrites writes;
    private final Map<String, Ranking> rankings = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ranking> eldest) {
            return size() > MAX_CACHED_RANKINGS;
        }
    };

    ArticleGeneration(MongoDatabase database, Generation generation, DistributionSummary searchCandidates, PostingLimits limits) {
        this.database = database;
        this.generation = generation;
        this.searchCandidates = searchCandidates;
        this.publicationMonths = new PublicationMonths(database, generation);
        this.termPostings = new TermPostings(database, generation, limits);
        this.storyMembers = new StoryMembers(database, generation, limits);
        this.writes = new ArticleWrites(this::articles, publicationMonths, termPostings, storyMembers);
    }

    private MongoCollection<Document> articles() {
        return database.getCollection(generation.collection(COLLECTION));
    }

    /** The indexes every query of the API relies on; creating an existing index is a no-op. */
    void createIndexes() {
        articles().createIndexes(List.of(
                new IndexModel(Indexes.descending(PUBLISHED_ON, FIRST_SEEN_AT, ID)),
                new IndexModel(Indexes.ascending(COUNTRIES)),
                new IndexModel(Indexes.ascending(TAGS)),
                new IndexModel(Indexes.ascending(ENTITIES)),
                new IndexModel(Indexes.ascending(SOURCE)),
                new IndexModel(Indexes.ascending(TERMS)),
                // A story's articles newest first on real MongoDB (the embedded store reads them from StoryMembers).
                new IndexModel(Indexes.compoundIndex(Indexes.ascending(STORY_ID), Indexes.descending(PUBLISHED_ON, FIRST_SEEN_AT, ID)))));
    }

    /** Drops every collection of this generation and forgets what was cached of them. */
    void drop() {
        List<String> bases = new ArrayList<>(COLLECTIONS);
        if (generation.equals(Generation.ORIGINAL)) {
            bases.add(FORMER_POSTINGS_COLLECTION);
        }
        ProjectionGenerations.drop(database, generation, bases);
        termPostings.forget();
        storyMembers.forget();
        synchronized (rankings) {
            rankings.clear();
        }
    }

    /**
     * Stores each article unless what is stored for its id was ingested at the same moment or later:
     * a replay changes nothing and an old sighting never overwrites a newer one. See {@link ArticleWrites}.
     */
    UpsertOutcome upsertAll(List<ArticleIngested> events) {
        return writes.upsertAll(events);
    }

    Optional<ArticleView> findById(String id) {
        return Optional.ofNullable(articles().find(Filters.eq(ID, id)).projection(Projections.exclude(SEARCH_FIELDS)).first())
                .map(ArticleDocuments::toView);
    }

    /** One page of articles matching the filter, after the cursor, newest first or by relevance when q is given. */
    ArticlePage find(ArticleFilter filter, @Nullable ArticleCursor after, int limit) {
        return filter.search() == null ? newestFirst(filter, after, limit) : byRelevance(filter, filter.search(), after, limit);
    }

    /**
     * Walks the months that have articles, newest first, through the term postings of the filter's values
     * ({@code #country:KZ:2026-03}, {@code #all:…}; read by {@code _id}, their entries cached): within a month the
     * entries give each article's sort key, so only the best candidates are read, and each is checked against the
     * filter, its month and the cursor, because postings keep entries for values an article has since lost.
     */
    private ArticlePage newestFirst(ArticleFilter filter, @Nullable ArticleCursor after, int limit) {
        List<List<String>> groups = PostingKeys.of(filter);
        List<YearMonth> months = monthsToRead(filter, after).reversed();
        TermPostings.KeyPostings keyPostings = termPostings.ofKeys(groups, months);
        List<Listed> found = new ArrayList<>(limit + 1);
        Map<String, ArticleView> views = new HashMap<>();
        for (int m = 0; m < months.size() && found.size() <= limit; m++) {
            YearMonth month = months.get(m);
            List<TermEntry> entries = keyPostings.newestFirstIn(month);
            List<Listed> monthFound = new ArrayList<>();
            int next = 0;
            for (int round = limit + 1; found.size() + monthFound.size() <= limit && next < entries.size();
                 round = Math.min(round * 2, CANDIDATE_BATCH)) {
                List<String> reading = new ArrayList<>(round);
                for (; reading.size() < round && next < entries.size(); next++) {
                    TermEntry entry = entries.get(next);
                    if (withinDates(filter, entry.publishedOn()) && (after == null
                            || after.precedesByDate(entry.publishedOn(), entry.firstSeenAt(), entry.articleId()))) {
                        reading.add(entry.articleId());
                    }
                }
                if (reading.isEmpty()) {
                    break;
                }
                articles().find(Filters.in(ID, reading))
                        .projection(Projections.exclude(SEARCH_FIELDS))
                        .forEach(doc -> {
                            ArticleView view = toView(doc);
                            if (YearMonth.from(view.publishedOn()).equals(month) && withinDates(filter, view.publishedOn())
                                    && matches(filter, doc) && (after == null
                                    || after.precedesByDate(view.publishedOn(), view.firstSeenAt(), view.id()))) {
                                monthFound.add(new Listed(view.id(), view.publishedOn(), view.firstSeenAt()));
                                views.put(view.id(), view);
                            }
                        });
            }
            monthFound.sort(NEWEST_LISTED_FIRST);
            found.addAll(monthFound);
        }
        List<ArticleView> shown = found.stream().limit(limit + 1L).map(listed -> views.get(listed.id())).toList();
        return page(shown, limit, view -> new ArticleCursor(null, view.publishedOn(), view.firstSeenAt(), view.id()));
    }

    /**
     * One page of a story's articles, newest first, with the sources that told it; empty when no stored article tells
     * it. Candidates are the story's filed members ({@link StoryMembers}) and the article whose id is the story's,
     * newest first by their filed sort key; only the first are read, 21, 42 … at a time, and each is checked to still
     * tell the story. Each source is shown once one of its articles is checked to tell it.
     */
    Optional<StoryPage> story(String storyId, @Nullable ArticleCursor after, int limit) {
        List<StoryMembers.Member> members = new ArrayList<>(storyMembers.newestPerArticle(storyId));
        Document own = articles().find(Filters.eq(ID, storyId)).projection(Projections.exclude(SEARCH_FIELDS)).first();
        if (own != null && storyId.equals(storyOf(own))) {
            members.removeIf(member -> member.articleId().equals(storyId));
            members.add(new StoryMembers.Member(storyId, 0, LocalDate.parse(own.getString(PUBLISHED_ON)), instant(own, FIRST_SEEN_AT),
                    own.getString(SOURCE)));
        }
        if (members.isEmpty()) {
            return Optional.empty();
        }
        members.sort(NEWEST_MEMBER_FIRST);
        List<StoryMembers.Member> candidates = members.stream().filter(member -> after == null
                || after.precedesByDate(member.publishedOn(), member.firstSeenAt(), member.articleId())).toList();
        List<Listed> found = new ArrayList<>(limit + 1);
        Map<String, ArticleView> views = new HashMap<>();
        int next = 0;
        for (int round = limit + 1; found.size() <= limit && next < candidates.size(); round = Math.min(round * 2, CANDIDATE_BATCH)) {
            List<StoryMembers.Member> reading = candidates.subList(next, Math.min(candidates.size(), next + round));
            next += reading.size();
            articles().find(Filters.in(ID, reading.stream().map(StoryMembers.Member::articleId).toList()))
                    .projection(Projections.exclude(SEARCH_FIELDS))
                    .forEach(doc -> {
                        ArticleView view = toView(doc);
                        if (storyId.equals(view.storyId()) && (after == null
                                || after.precedesByDate(view.publishedOn(), view.firstSeenAt(), view.id()))) {
                            found.add(new Listed(view.id(), view.publishedOn(), view.firstSeenAt()));
                            views.put(view.id(), view);
                        }
                    });
        }
        found.sort(NEWEST_LISTED_FIRST);
        List<String> sources = storySources(storyId, members);
        if (found.isEmpty() && after == null && sources.isEmpty()) {
            // Every article filed under it has moved to another story since.
            return Optional.empty();
        }
        ArticlePage page = page(found.stream().limit(limit + 1L).map(listed -> views.get(listed.id())).toList(), limit,
                view -> new ArticleCursor(null, view.publishedOn(), view.firstSeenAt(), view.id()));
        return Optional.of(new StoryPage(storyId, sources, page.items(), page.nextCursor()));
    }

    private static final Comparator<StoryMembers.Member> NEWEST_MEMBER_FIRST = Comparator.comparing(StoryMembers.Member::publishedOn)
            .thenComparing(StoryMembers.Member::firstSeenAt).thenComparing(StoryMembers.Member::articleId).reversed();

    /**
     * The sources of the members that still tell the story, in alphabetical order. Per source its newest members are
     * checked, one, then two, four … at a time, until one of them still tells the story: usually one lookup per source.
     */
    private List<String> storySources(String storyId, List<StoryMembers.Member> newestFirst) {
        Map<String, List<String>> idsPerSource = new HashMap<>();
        newestFirst.forEach(member -> idsPerSource.computeIfAbsent(member.source(), k -> new ArrayList<>()).add(member.articleId()));
        Set<String> told = new TreeSet<>();
        Map<String, Integer> checked = new HashMap<>();
        for (int round = 1; told.size() < idsPerSource.size(); round = Math.min(round * 2, CANDIDATE_BATCH)) {
            List<String> reading = new ArrayList<>();
            for (Map.Entry<String, List<String>> source : idsPerSource.entrySet()) {
                int from = checked.getOrDefault(source.getKey(), 0);
                if (!told.contains(source.getKey()) && from < source.getValue().size()) {
                    int to = Math.min(source.getValue().size(), from + round);
                    reading.addAll(source.getValue().subList(from, to));
                    checked.put(source.getKey(), to);
                }
            }
            if (reading.isEmpty()) {
                break;
            }
            for (int from = 0; from < reading.size(); from += CANDIDATE_BATCH) {
                articles().find(Filters.in(ID, reading.subList(from, Math.min(reading.size(), from + CANDIDATE_BATCH))))
                        .projection(Projections.include(STORY_ID, SOURCE))
                        .forEach(doc -> {
                            if (storyId.equals(storyOf(doc))) {
                                told.add(doc.getString(SOURCE));
                            }
                        });
            }
        }
        return List.copyOf(told);
    }

    /** The sort key of an article that a newest-first listing found. */
    private record Listed(String id, LocalDate publishedOn, Instant firstSeenAt) {
    }

    private static final Comparator<Listed> NEWEST_LISTED_FIRST = Comparator.comparing(Listed::publishedOn)
            .thenComparing(Listed::firstSeenAt).thenComparing(Listed::id).reversed();

    /** The months with articles within the filter's dates and not after the cursor, oldest first. */
    private List<YearMonth> monthsToRead(ArticleFilter filter, @Nullable ArticleCursor after) {
        LocalDate latest = after == null ? filter.to() : filter.to() == null || after.publishedOn().isBefore(filter.to())
                ? after.publishedOn() : filter.to();
        LocalDate earliest = filter.from();
        Set<YearMonth> months = new TreeSet<>();
        publicationMonths.months().forEach(month -> {
            if ((latest == null || !month.isAfter(YearMonth.from(latest))) && (earliest == null || !month.isBefore(YearMonth.from(earliest)))) {
                months.add(month);
            }
        });
        return List.copyOf(months);
    }

    /** The filter without q, checked on a stored article (the date range is checked by the caller's months). */
    private static boolean matches(ArticleFilter filter, Document article) {
        return (filter.countries().isEmpty() || filter.countries().stream().anyMatch(strings(article, COUNTRIES)::contains))
                && (filter.tag() == null || strings(article, TAGS).contains(filter.tag()))
                && (filter.entity() == null || strings(article, ENTITIES).contains(filter.entity()))
                && (filter.source() == null || filter.source().equals(article.getString(SOURCE)));
    }

    private record Candidate(String id, LocalDate publishedOn, Instant firstSeenAt, double score) {
    }

    /** A query's matches ranked, and the matches they were ranked from. */
    private record Ranking(Map<String, List<TermEntry>> matches, List<Candidate> ranked) {
    }

    /**
     * The matches as candidates, best first; the same matches (the postings cache hands out the same map while
     * no posting grew) are not ranked again.
     */
    private List<Candidate> ranked(String query, Map<String, List<TermEntry>> matches) {
        synchronized (rankings) {
            Ranking known = rankings.get(query);
            if (known != null && known.matches() == matches) {
                return known.ranked();
            }
        }
        List<Candidate> ranked = new ArrayList<>(matches.size());
        matches.forEach((id, entries) -> {
            TermEntry entry = entries.getFirst();
            ranked.add(new Candidate(id, entry.publishedOn(), entry.firstSeenAt(), Relevance.score(entries)));
        });
        ranked.sort(BY_RELEVANCE);
        List<Candidate> result = Collections.unmodifiableList(ranked);
        synchronized (rankings) {
            rankings.put(query, new Ranking(matches, result));
        }
        return result;
    }

    private static final Comparator<Candidate> BY_RELEVANCE = Comparator.comparingDouble(Candidate::score).reversed()
            .thenComparing(Candidate::publishedOn, Comparator.reverseOrder())
            .thenComparing(Candidate::firstSeenAt, Comparator.reverseOrder())
            .thenComparing(Candidate::id, Comparator.reverseOrder());

    /**
     * Matches and ranks from the term postings (a few documents read by {@code _id}), the filter's values included,
     * then reads only the best candidates whole and checks each against the filter, the whole query (NOT and phrases
     * included) and its stored score: postings never shrink, so an entry may be older than the article.
     */
    private ArticlePage byRelevance(ArticleFilter filter, SearchQuery search, @Nullable ArticleCursor after, int limit) {
        List<List<String>> groups = PostingKeys.of(filter);
        List<List<String>> keyGroups = groups.equals(List.of(List.of(PostingKeys.ALL))) ? List.of() : groups;
        List<YearMonth> months = monthsToRead(filter, null);
        Map<String, List<TermEntry>> matches = termPostings.matching(search, keyGroups, months);
        List<Candidate> candidates = new ArrayList<>();
        for (Candidate candidate : ranked(search.key() + "|" + keyGroups + "|" + months, matches)) {
            if (withinDates(filter, candidate.publishedOn()) && (after == null || after.precedesByRelevance(candidate.score(),
                    candidate.publishedOn(), candidate.firstSeenAt(), candidate.id()))) {
                candidates.add(candidate);
            }
        }
        searchCandidates.record(candidates.size());
        List<Candidate> found = new ArrayList<>(limit + 1);
        Map<String, ArticleView> views = new HashMap<>();
        int next = 0;
        for (int round = limit + 1; found.size() <= limit && next < candidates.size(); round = Math.min(round * 2, CANDIDATE_BATCH)) {
            List<Candidate> reading = candidates.subList(next, Math.min(candidates.size(), next + round));
            next += reading.size();
            articles().find(Filters.in(ID, reading.stream().map(Candidate::id).toList())).forEach(doc -> {
                Candidate stored = storedMatch(doc, filter, search, after);
                if (stored != null) {
                    found.add(stored);
                    views.put(stored.id(), toView(doc).withScore(stored.score()));
                }
            });
        }
        found.sort(BY_RELEVANCE);
        List<ArticleView> ranked = found.stream().limit(limit + 1L).map(candidate -> views.get(candidate.id())).toList();
        return page(ranked, limit, view -> new ArticleCursor(view.score(), view.publishedOn(), view.firstSeenAt(), view.id()));
    }

    /** The stored article as a candidate when it really matches the filter and q and follows the cursor; else null. */
    private static @Nullable Candidate storedMatch(Document doc, ArticleFilter filter, SearchQuery search, @Nullable ArticleCursor after) {
        List<String> terms = strings(doc, TERMS);
        LocalDate publishedOn = LocalDate.parse(doc.getString(PUBLISHED_ON));
        if (!matches(filter, doc) || !withinDates(filter, publishedOn)
                || !search.matches(terms, doc.getString(PHRASE_TEXT))) {
            return null;
        }
        Candidate candidate = new Candidate(doc.getString(ID), publishedOn, instant(doc, FIRST_SEEN_AT),
                Relevance.score(search, terms, doc.getList(TERM_COUNTS, Integer.class), strings(doc, TITLE_TERMS),
                        doc.getInteger(TERM_TOTAL, 0)));
        return after == null || after.precedesByRelevance(candidate.score(), candidate.publishedOn(), candidate.firstSeenAt(),
                candidate.id()) ? candidate : null;
    }

    private static boolean withinDates(ArticleFilter filter, LocalDate day) {
        return (filter.from() == null || !day.isBefore(filter.from())) && (filter.to() == null || !day.isAfter(filter.to()));
    }

    private static ArticlePage page(List<ArticleView> found, int limit, java.util.function.Function<ArticleView, ArticleCursor> cursorOf) {
        if (found.size() <= limit) {
            return new ArticlePage(List.copyOf(found), null);
        }
        List<ArticleView> items = List.copyOf(found.subList(0, limit));
        return new ArticlePage(items, cursorOf.apply(items.getLast()).encode());
    }

    /** Counts per country, tag and entity among the articles matching the filter, the {@code top} most frequent of each. */
    FacetsView facets(ArticleFilter filter, int top) {
        Bson query = matching(filter);
        return new FacetsView(countPer(query, COUNTRIES, top), countPer(query, TAGS, top), countPer(query, ENTITIES, top));
    }

    private List<FacetsView.Count> countPer(Bson query, String field, int top) {
        List<FacetsView.Count> counts = new ArrayList<>();
        articles().aggregate(List.of(
                        Aggregates.match(query),
                        Aggregates.project(Projections.include(field)),
                        Aggregates.unwind("$" + field),
                        Aggregates.group("$" + field, Accumulators.sum("count", 1)),
                        Aggregates.sort(Sorts.orderBy(Sorts.descending("count"), Sorts.ascending(ID))),
                        Aggregates.limit(top)))
                .forEach(doc -> counts.add(new FacetsView.Count(String.valueOf(doc.get(ID)), ((Number) doc.get("count")).longValue())));
        return counts;
    }

    /** A query's parts over the stored search fields; phrases on the phrase text, whole words only. */
    private static final SearchQuery.StoreFilters<Bson> STORE_FILTERS = new SearchQuery.StoreFilters<>() {
        @Override
        public Bson allTerms(List<String> terms) {
            return Filters.all(TERMS, terms);
        }

        @Override
        public Bson phrasePattern(String pattern) {
            return Filters.regex(PHRASE_TEXT, pattern);
        }

        @Override
        public Bson and(List<Bson> parts) {
            return Filters.and(parts);
        }

        @Override
        public Bson or(List<Bson> parts) {
            return Filters.or(parts);
        }

        @Override
        public Bson nor(List<Bson> parts) {
            return Filters.nor(parts);
        }
    };

    /** The filter as a store query; phrases are checked on the stored phrase text, whole words only. */
    static Bson matching(ArticleFilter filter) {
        List<Bson> parts = new ArrayList<>();
        if (!filter.countries().isEmpty()) {
            parts.add(Filters.in(COUNTRIES, filter.countries()));
        }
        if (filter.tag() != null) {
            parts.add(Filters.eq(TAGS, filter.tag()));
        }
        if (filter.entity() != null) {
            parts.add(Filters.eq(ENTITIES, filter.entity()));
        }
        if (filter.source() != null) {
            parts.add(Filters.eq(SOURCE, filter.source()));
        }
        if (filter.from() != null) {
            parts.add(Filters.gte(PUBLISHED_ON, filter.from().toString()));
        }
        if (filter.to() != null) {
            parts.add(Filters.lte(PUBLISHED_ON, filter.to().toString()));
        }
        SearchQuery search = filter.search();
        if (search != null) {
            parts.add(search.filter(STORE_FILTERS));
        }
        return parts.isEmpty() ? new Document() : Filters.and(parts);
    }
}

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
import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.article.query.ArticleCursor;
import io.steppewire.article.query.ArticleFilter;
import io.steppewire.article.search.Relevance;
import io.steppewire.article.search.SearchQuery;
import io.steppewire.article.store.ConditionalUpserts;
import io.steppewire.article.store.UpsertOutcome;
import io.steppewire.events.article.ArticleIngested;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.steppewire.article.articles.ArticleDocuments.*;

/** The articles collection: idempotent upserts from the event stream and the queries of the API. */
@Component
public class ArticleStore implements InitializingBean {

    static final String COLLECTION = "articles";
    private static final int CANDIDATE_BATCH = 2_000;

    private final MongoDatabase database;
    private final DistributionSummary searchCandidates;

    public ArticleStore(MongoDatabase database, MeterRegistry meters) {
        this.database = database;
        this.searchCandidates = DistributionSummary.builder("steppewire.article.search.candidates")
                .description("Articles that matched every term of a q and were ranked in the service")
                .register(meters);
    }

    private MongoCollection<Document> articles() {
        return database.getCollection(COLLECTION);
    }

    @Override
    public void afterPropertiesSet() {
        createIndexes();
    }

    /** The indexes every query of the API relies on; creating an existing index is a no-op. */
    public void createIndexes() {
        articles().createIndexes(List.of(
                new IndexModel(Indexes.descending(PUBLISHED_ON, FIRST_SEEN_AT, ID)),
                new IndexModel(Indexes.ascending(COUNTRIES)),
                new IndexModel(Indexes.ascending(TAGS)),
                new IndexModel(Indexes.ascending(ENTITIES)),
                new IndexModel(Indexes.ascending(SOURCE)),
                new IndexModel(Indexes.ascending(TERMS))));
    }

    /** Drops every article; the rebuild replays them from the topic. */
    public void reset() {
        articles().drop();
        createIndexes();
    }

    /**
     * Stores each article unless what is stored for its id was ingested at the same moment or later:
     * a replay changes nothing and an old sighting never overwrites a newer one.
     */
    public UpsertOutcome upsertAll(List<ArticleIngested> events) {
        Map<String, ArticleIngested> newestPerId = new LinkedHashMap<>();
        for (ArticleIngested event : events) {
            newestPerId.merge(event.articleId(), event, (a, b) -> b.ingestedAt().isAfter(a.ingestedAt()) ? b : a);
        }
        List<ConditionalUpserts.Upsert> upserts = new ArrayList<>(newestPerId.size());
        for (ArticleIngested event : newestPerId.values()) {
            upserts.add(new ConditionalUpserts.Upsert(event.articleId(), toDocument(event),
                    Filters.lt(INGESTED_AT, Date.from(event.ingestedAt()))));
        }
        UpsertOutcome outcome = ConditionalUpserts.run(articles(), upserts);
        return new UpsertOutcome(outcome.applied(), outcome.stale() + events.size() - newestPerId.size());
    }

    public Optional<ArticleView> findById(String id) {
        return Optional.ofNullable(articles().find(Filters.eq(ID, id)).projection(Projections.exclude(SEARCH_FIELDS)).first())
                .map(ArticleDocuments::toView);
    }

    /** One page of articles matching the filter, after the cursor, newest first or by relevance when q is given. */
    public ArticlePage find(ArticleFilter filter, @Nullable ArticleCursor after, int limit) {
        return filter.search() == null ? newestFirst(filter, after, limit) : byRelevance(filter, filter.search(), after, limit);
    }

    private ArticlePage newestFirst(ArticleFilter filter, @Nullable ArticleCursor after, int limit) {
        Bson query = matching(filter);
        if (after != null) {
            Date seen = Date.from(after.firstSeenAt());
            String published = after.publishedOn().toString();
            query = Filters.and(query, Filters.or(
                    Filters.lt(PUBLISHED_ON, published),
                    Filters.and(Filters.eq(PUBLISHED_ON, published), Filters.lt(FIRST_SEEN_AT, seen)),
                    Filters.and(Filters.eq(PUBLISHED_ON, published), Filters.eq(FIRST_SEEN_AT, seen), Filters.lt(ID, after.id()))));
        }
        List<ArticleView> found = new ArrayList<>(limit + 1);
        articles().find(query)
                .projection(Projections.exclude(SEARCH_FIELDS))
                .sort(Sorts.descending(PUBLISHED_ON, FIRST_SEEN_AT, ID))
                .limit(limit + 1)
                .forEach(doc -> found.add(toView(doc)));
        return page(found, limit, view -> new ArticleCursor(null, view.publishedOn(), view.firstSeenAt(), view.id()));
    }

    private record Candidate(String id, LocalDate publishedOn, Instant firstSeenAt, double score) {
    }

    private static final Comparator<Candidate> BY_RELEVANCE = Comparator.comparingDouble(Candidate::score).reversed()
            .thenComparing(Candidate::publishedOn, Comparator.reverseOrder())
            .thenComparing(Candidate::firstSeenAt, Comparator.reverseOrder())
            .thenComparing(Candidate::id, Comparator.reverseOrder());

    private ArticlePage byRelevance(ArticleFilter filter, SearchQuery search, @Nullable ArticleCursor after, int limit) {
        List<Candidate> candidates = new ArrayList<>();
        articles().find(matching(filter))
                .projection(Projections.include(ID, PUBLISHED_ON, FIRST_SEEN_AT, TERMS, TERM_COUNTS, TITLE_TERMS, TERM_TOTAL))
                // Bounded replies: the embedded store otherwise answers a wide match in one message larger than the driver accepts.
                .batchSize(CANDIDATE_BATCH)
                .forEach(doc -> {
                    double score = Relevance.score(search, strings(doc, TERMS), doc.getList(TERM_COUNTS, Integer.class),
                            strings(doc, TITLE_TERMS), doc.getInteger(TERM_TOTAL, 0));
                    Candidate candidate = new Candidate(doc.getString(ID), LocalDate.parse(doc.getString(PUBLISHED_ON)),
                            instant(doc, FIRST_SEEN_AT), score);
                    if (after == null || after.precedesByRelevance(score, candidate.publishedOn(), candidate.firstSeenAt(), candidate.id())) {
                        candidates.add(candidate);
                    }
                });
        searchCandidates.record(candidates.size());
        List<Candidate> ranked = candidates.stream().sorted(BY_RELEVANCE).limit(limit + 1L).toList();
        Map<String, ArticleView> byId = new HashMap<>();
        articles().find(Filters.in(ID, ranked.stream().map(Candidate::id).toList()))
                .projection(Projections.exclude(SEARCH_FIELDS))
                .forEach(doc -> byId.put(doc.getString(ID), toView(doc)));
        List<ArticleView> found = new ArrayList<>(ranked.size());
        for (Candidate candidate : ranked) {
            ArticleView view = byId.get(candidate.id());
            if (view != null) {
                found.add(view.withScore(candidate.score()));
            }
        }
        return page(found, limit, view -> new ArticleCursor(view.score(), view.publishedOn(), view.firstSeenAt(), view.id()));
    }

    private static ArticlePage page(List<ArticleView> found, int limit, java.util.function.Function<ArticleView, ArticleCursor> cursorOf) {
        if (found.size() <= limit) {
            return new ArticlePage(List.copyOf(found), null);
        }
        List<ArticleView> items = List.copyOf(found.subList(0, limit));
        return new ArticlePage(items, cursorOf.apply(items.getLast()).encode());
    }

    /** Counts per country, tag and entity among the articles matching the filter, the {@code top} most frequent of each. */
    public FacetsView facets(ArticleFilter filter, int top) {
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
            parts.add(Filters.all(TERMS, search.terms()));
            for (String pattern : search.phrasePatterns()) {
                parts.add(Filters.regex(PHRASE_TEXT, pattern));
            }
        }
        return parts.isEmpty() ? new Document() : Filters.and(parts);
    }
}

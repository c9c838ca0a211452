package io.steppewire.article.articles;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.article.query.ArticleCursor;
import io.steppewire.article.query.ArticleFilter;
import io.steppewire.article.store.Generation;
import io.steppewire.article.store.ProjectionGenerations;
import io.steppewire.article.store.UpsertOutcome;
import io.steppewire.events.article.ArticleIngested;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The articles of the read model: live batches go to every generation being written (see
 * {@link ProjectionGenerations}), queries to the one readers use, and a rebuild writes the generation it builds.
 * Each generation keeps its own caches ({@link ArticleGeneration}); those of generations no longer used are let go.
 */
@Component
public class ArticleStore implements InitializingBean {

    /** The collections of one generation, by base name. */
    public static final List<String> COLLECTIONS = ArticleGeneration.COLLECTIONS;

    private final MongoDatabase database;
    private final ProjectionGenerations generations;
    private final DistributionSummary searchCandidates;
    private final Map<Generation, ArticleGeneration> inUse = new ConcurrentHashMap<>();

    public ArticleStore(MongoDatabase database, ProjectionGenerations generations, MeterRegistry meters) {
        this.database = database;
        this.generations = generations;
        this.searchCandidates = DistributionSummary.builder("steppewire.article.search.candidates")
                .description("Articles that matched every term of a q and were ranked in the service")
                .register(meters);
    }

    @Override
    public void afterPropertiesSet() {
        generations.current().writeTargets().forEach(this::createIndexes);
    }

    /** The indexes every query of the API relies on; creating an existing index is a no-op. */
    public void createIndexes(Generation generation) {
        generation(generation).createIndexes();
    }

    /** Drops the articles of a generation no longer used. */
    public void drop(Generation generation) {
        generation(generation).drop();
        inUse.remove(generation);
    }

    /**
     * Stores each article in every generation being written unless what is stored there for its id was ingested
     * at the same moment or later: a replay changes nothing and an old sighting never overwrites a newer one.
     */
    public UpsertOutcome upsertAll(List<ArticleIngested> events) {
        return generations.writeLive(target -> upsertAll(target, events));
    }

    /** Stores the articles in one generation, as {@link #upsertAll(List)} does in each. */
    public UpsertOutcome upsertAll(Generation target, List<ArticleIngested> events) {
        return generation(target).upsertAll(events);
    }

    public Optional<ArticleView> findById(String id) {
        return readable().findById(id);
    }

    /** One page of articles matching the filter, after the cursor, newest first or by relevance when q is given. */
    public ArticlePage find(ArticleFilter filter, @Nullable ArticleCursor after, int limit) {
        return readable().find(filter, after, limit);
    }

    /** One page of a story's articles, newest first, with its sources; empty when no stored article tells the story. */
    public Optional<StoryPage> story(String storyId, @Nullable ArticleCursor after, int limit) {
        return readable().story(storyId, after, limit);
    }

    /** Counts per country, tag and entity among the articles matching the filter, the {@code top} most frequent of each. */
    public FacetsView facets(ArticleFilter filter, int top) {
        return readable().facets(filter, top);
    }

    private ArticleGeneration readable() {
        return generation(generations.active());
    }

    private ArticleGeneration generation(Generation generation) {
        ArticleGeneration opened = inUse.computeIfAbsent(generation,
                number -> new ArticleGeneration(database, number, searchCandidates, PostingLimits.DEFAULT));
        if (inUse.size() > 1) {
            // After a switch: the caches of a generation neither read nor written any more go with it.
            ProjectionGenerations.State state = generations.lastKnown();
            inUse.keySet().removeIf(other -> !other.equals(generation) && !other.equals(state.active())
                    && !other.equals(state.building()));
        }
        return opened;
    }
}

package io.steppewire.notify.history;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.steppewire.events.EventJson;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.notify.matching.Backtest;
import io.steppewire.notify.subscription.Rules;
import io.steppewire.query.KeywordQuery;
import io.steppewire.query.TextTerms;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every article notify consumed, kept for {@link HistoryProperties#retention()} so that a backtest can match rules
 * against it: one document per article id (a new revision replaces the text), holding the event JSON and the
 * normalised countries, tags, entities and distinct words the backtest narrows its read with (indexed with the time). An article event is at most a Kafka record
 * (1 MB by default), far below MongoDB's 16 MB document limit.
 */
@Repository
public class ArticleHistory {

    static final String COLLECTION = "article_history";
    /** Articles per reply: a few MB, well under a reply's limit however long the period. */
    private static final int BATCH = 500;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;
    private final HistoryProperties properties;
    private final Clock clock;

    public ArticleHistory(MongoTemplate mongo, HistoryProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        mongo.indexOps(COLLECTION).createIndex(new Index("firstSeenAt", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index("countries", Sort.Direction.ASC).on("firstSeenAt", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index("tags", Sort.Direction.ASC).on("firstSeenAt", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index("entities", Sort.Direction.ASC).on("firstSeenAt", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).createIndex(new Index("words", Sort.Direction.ASC).on("firstSeenAt", Sort.Direction.ASC));
    }

    /** Idempotent: one bulk write of upserts keyed by article id. */
    public void rememberAll(List<ArticleIngested> articles) {
        if (articles.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> upserts = new ArrayList<>(articles.size());
        for (ArticleIngested article : articles) {
            Document fields = new Document("firstSeenAt", Date.from(article.firstSeenAt()))
                    .append("title", article.title())
                    .append("storyId", article.storyId())
                    .append("countries", article.countries().stream().map(c -> c.toUpperCase(Locale.ROOT)).toList())
                    .append("tags", article.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList())
                    .append("entities", article.entities().stream().map(ArticleHistory::normalisedEntity).distinct().toList())
                    .append("words", List.copyOf(words(article)))
                    .append("event", EventJson.mapper().writeValueAsString(article));
            upserts.add(new UpdateOneModel<>(new Document("_id", article.articleId()), new Document("$set", fields),
                    new UpdateOptions().upsert(true)));
        }
        mongo.getCollection(COLLECTION).bulkWrite(upserts, UNORDERED);
    }

    /**
     * The articles first seen in [{@code from}, {@code to}), oldest first, that could match {@code rules}: an article
     * without any of a required condition's values (countries, tags, entities) cannot match, so it is not read. A keyword
     * query of single words is evaluated here on the stored words, exactly; one with a phrase is narrowed by the words
     * it needs one of, and its candidates are read whole for the caller to match their text.
     */
    public List<Backtest.StoredArticle> candidatesBetween(Instant from, Instant to, Rules rules) {
        List<Document> conditions = new ArrayList<>();
        conditions.add(new Document("firstSeenAt", new Document("$gte", Date.from(from)).append("$lt", Date.from(to))));
        if (!rules.countries().isEmpty()) {
            conditions.add(new Document("countries", new Document("$in", List.copyOf(rules.countries()))));
        }
        if (!rules.tags().isEmpty()) {
            conditions.add(new Document("tags", new Document("$in", List.copyOf(rules.tags()))));
        }
        if (!rules.entities().isEmpty()) {
            conditions.add(new Document("entities", new Document("$in", List.copyOf(rules.entities()))));
        }
        KeywordQuery query = rules.query();
        boolean readText = query != null && query.terms().stream().anyMatch(term -> term.contains(" "));
        if (query != null && !readText) {
            conditions.add(filterOf(query));
        } else if (query != null && query.requiredOneOf() != null) {
            // A phrase is present only where its first word is.
            conditions.add(new Document("words", new Document("$in", query.requiredOneOf().stream().map(t -> t.split(" ", 2)[0]).distinct().toList())));
        }
        Document projection = new Document("title", 1).append("storyId", 1).append("firstSeenAt", 1).append("countries", 1)
                .append("tags", 1).append("entities", 1);
        if (readText) {
            projection.append("event", 1);
        }
        List<Backtest.StoredArticle> articles = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(new Document("$and", conditions)).projection(projection).sort(new Document("firstSeenAt", 1))
                .batchSize(BATCH).forEach(d -> articles.add(new Backtest.StoredArticle(d.getString("_id"), d.getString("storyId"),
                        d.getString("title"), d.getDate("firstSeenAt").toInstant(), Set.copyOf(d.getList("countries", String.class)),
                        Set.copyOf(d.getList("tags", String.class)), Set.copyOf(d.getList("entities", String.class)),
                        readText ? EventJson.mapper().readValue(d.getString("event"), ArticleIngested.class) : null)));
        return articles;
    }

    /** A query of single words as a filter on the stored words: exact, since they are split as matching splits text. */
    private static Document filterOf(KeywordQuery query) {
        return switch (query) {
            case KeywordQuery.Term term -> new Document("words", term.key());
            case KeywordQuery.And and -> new Document("$and", List.of(filterOf(and.left()), filterOf(and.right())));
            case KeywordQuery.Or or -> new Document("$or", List.of(filterOf(or.left()), filterOf(or.right())));
            case KeywordQuery.Not not -> new Document("$nor", List.of(filterOf(not.negated())));
        };
    }

    /** The distinct words of the title and body, as keyword matching splits them. */
    private static Set<String> words(ArticleIngested article) {
        Set<String> words = new LinkedHashSet<>(TextTerms.words(article.title()));
        for (BodyBlock block : article.body()) {
            words.addAll(TextTerms.words(block.text()));
        }
        return words;
    }

    /** As subscriptions store entities: collapsed whitespace, lower case. */
    private static String normalisedEntity(String entity) {
        return entity.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void forgetOldArticles() {
        mongo.getCollection(COLLECTION).deleteMany(new Document("firstSeenAt",
                new Document("$lt", Date.from(clock.instant().minus(properties.retention())))));
    }
}

package io.steppewire.notify.history;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.steppewire.events.EventJson;
import io.steppewire.events.article.ArticleIngested;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every article notify consumed, kept for {@link HistoryProperties#retention()} so that a backtest can match rules
 * against it: one document per article id (a new revision replaces the text), holding the event JSON and the
 * normalised countries and tags the backtest narrows its read with. An article event is at most a Kafka record
 * (1 MB by default), far below MongoDB's 16 MB document limit.
 */
@Repository
public class ArticleHistory {

    static final String COLLECTION = "article_history";
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
    }

    /** Idempotent: one bulk write of upserts keyed by article id. */
    public void rememberAll(List<ArticleIngested> articles) {
        if (articles.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> upserts = new ArrayList<>(articles.size());
        for (ArticleIngested article : articles) {
            Document fields = new Document("firstSeenAt", Date.from(article.firstSeenAt()))
                    .append("countries", article.countries().stream().map(c -> c.toUpperCase(Locale.ROOT)).toList())
                    .append("tags", article.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList())
                    .append("event", EventJson.mapper().writeValueAsString(article));
            upserts.add(new UpdateOneModel<>(new Document("_id", article.articleId()), new Document("$set", fields),
                    new UpdateOptions().upsert(true)));
        }
        mongo.getCollection(COLLECTION).bulkWrite(upserts, UNORDERED);
    }

    /**
     * The articles first seen in [{@code from}, {@code to}), oldest first; when {@code countries} or {@code tags} is not
     * empty, only articles carrying one of them (a subscription that requires them cannot match the others).
     */
    public List<ArticleIngested> firstSeenBetween(Instant from, Instant to, Set<String> countries, Set<String> tags) {
        Document filter = new Document("firstSeenAt", new Document("$gte", Date.from(from)).append("$lt", Date.from(to)));
        if (!countries.isEmpty()) {
            filter.append("countries", new Document("$in", List.copyOf(countries)));
        }
        if (!tags.isEmpty()) {
            filter.append("tags", new Document("$in", List.copyOf(tags)));
        }
        List<ArticleIngested> articles = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(filter).sort(new Document("firstSeenAt", 1))
                .forEach(d -> articles.add(EventJson.mapper().readValue(d.getString("event"), ArticleIngested.class)));
        return articles;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void forgetOldArticles() {
        mongo.getCollection(COLLECTION).deleteMany(new Document("firstSeenAt",
                new Document("$lt", Date.from(clock.instant().minus(properties.retention())))));
    }
}

package io.steppewire.notify.alerting;

import io.steppewire.events.alert.ArticleSummary;
import io.steppewire.events.article.ArticleIngested;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Summaries of the articles notify has seen, by country, so that a rate alert can carry the news
 * around it. Stored in MongoDB because each instance consumes only some partitions of the articles.
 */
@Repository
public class RecentArticles {

    @Document("recent_articles")
    record RecentArticle(@Id String id, List<String> countries, LocalDate publishedOn, Instant firstSeenAt, ArticleSummary summary) {
    }

    private final MongoTemplate mongo;
    private final AlertProperties properties;
    private final Clock clock;
    /** Recent look-ups by countries; small, since keys are the countries of the watched pairs. */
    private final Map<Collection<String>, LookUp> lookUps = new ConcurrentHashMap<>();
    /** Raised by every local write, so a look-up that started before it is not kept. */
    private final AtomicLong writes = new AtomicLong();

    /** The result of a look-up, and when it started. */
    private record LookUp(Instant at, List<ArticleSummary> articles) {
    }

    public RecentArticles(MongoTemplate mongo, AlertProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        mongo.indexOps(RecentArticle.class).createIndex(new Index("countries", Sort.Direction.ASC)
                .on("publishedOn", Sort.Direction.DESC).on("firstSeenAt", Sort.Direction.DESC));
        mongo.indexOps(RecentArticle.class).createIndex(new Index("firstSeenAt", Sort.Direction.ASC));
    }

    /** Idempotent: the same article seen twice is one entry. One bulk write for all of them. */
    public void rememberAll(List<ArticleIngested> articles) {
        BulkOperations bulk = null;
        for (ArticleIngested article : articles) {
            if (article.countries().isEmpty()) {
                continue;
            }
            Update update = new Update()
                    .set("countries", article.countries())
                    .set("publishedOn", article.publishedOn())
                    .set("firstSeenAt", article.firstSeenAt())
                    .set("summary", ArticleSummary.of(article));
            if (bulk == null) {
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RecentArticle.class);
            }
            bulk.upsert(Query.query(Criteria.where("_id").is(article.articleId())), update);
        }
        if (bulk != null) {
            bulk.execute();
            writes.incrementAndGet();
            lookUps.clear();
        }
    }

    /**
     * {@link #latestAbout} as of at most {@code related-articles-max-age} ago, so that the rate changes
     * of that time share one query; articles this instance stored since are always included.
     */
    public List<ArticleSummary> recentlyAbout(Collection<String> countries) {
        Instant now = clock.instant();
        LookUp known = lookUps.get(countries);
        if (known != null && !known.at().isBefore(now.minus(properties.relatedArticlesMaxAge()))) {
            return known.articles();
        }
        long writesBefore = writes.get();
        List<ArticleSummary> articles = latestAbout(countries);
        if (writes.get() == writesBefore) {
            lookUps.put(countries, new LookUp(now, articles));
        }
        return articles;
    }

    /** The latest articles about any of the countries, newest publication first. */
    public List<ArticleSummary> latestAbout(Collection<String> countries) {
        if (countries.isEmpty()) {
            return List.of();
        }
        Query query = Query.query(Criteria.where("countries").in(countries))
                .with(Sort.by(Sort.Order.desc("publishedOn"), Sort.Order.desc("firstSeenAt")))
                .limit(properties.relatedArticles());
        return mongo.find(query, RecentArticle.class).stream().map(RecentArticle::summary).toList();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void forgetOldArticles() {
        Instant cutoff = clock.instant().minus(properties.recentArticleRetention());
        mongo.remove(Query.query(Criteria.where("firstSeenAt").lt(cutoff)), RecentArticle.class);
    }
}

package io.steppewire.article.articles;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.article.query.ArticleCursor;
import io.steppewire.article.query.ArticleFilter;
import io.steppewire.article.store.Generation;
import io.steppewire.article.support.EmbeddedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Each test gets a fresh article store (its own database on the shared embedded server, one generation of articles)
 * and reads whole listings.
 */
abstract class ListingOnEmbeddedStore {

    private MongoClient client;
    protected MongoDatabase database;
    protected ArticleGeneration store;

    @BeforeEach
    void openStore() {
        client = MongoClients.create(EmbeddedStore.uri());
        database = client.getDatabase("listing-" + UUID.randomUUID());
        store = anotherInstance();
        store.createIndexes();
    }

    /** The same articles as another instance of the service has them: with caches of its own. */
    protected ArticleGeneration anotherInstance() {
        return new ArticleGeneration(database, Generation.ORIGINAL,
                DistributionSummary.builder("search.candidates").register(new SimpleMeterRegistry()), limits());
    }

    /** How large posting documents may grow; small limits show what happens when one fills. */
    protected PostingLimits limits() {
        return PostingLimits.DEFAULT;
    }

    @AfterEach
    void closeStore() {
        client.close();
    }

    /** Every title of the listing, page after page of the given size. */
    protected List<String> allPages(ArticleFilter filter, int pageSize) {
        List<String> titles = new ArrayList<>();
        ArticleCursor after = null;
        for (int pages = 0; pages < 100; pages++) {
            ArticlePage page = store.find(filter, after, pageSize);
            page.items().forEach(item -> titles.add(item.title()));
            if (page.nextCursor() == null) {
                return titles;
            }
            after = ArticleCursor.decode(page.nextCursor());
        }
        throw new AssertionError("the listing did not end");
    }
}

package io.steppewire.article.articles;

import io.steppewire.article.query.ArticleFilter;
import io.steppewire.article.search.SearchQuery;
import io.steppewire.article.support.Newsroom;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.query.QueryExamples;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search selects the very articles that notify-service's subscription matcher selects for the same query (both check
 * {@link QueryExamples}; notify-service in its SharedQueryExamplesTest), whole listings and page by page, and the
 * facets count the same articles.
 */
class SharedQueryExamplesTest extends ListingOnEmbeddedStore {

    @Test
    void everySharedQuerySelectsTheSameSampleArticlesAsTheSubscriptionMatcher() {
        Map<String, String> idOfTitle = new HashMap<>();
        List<ArticleIngested> articles = QueryExamples.ARTICLES.stream().map(sample -> {
            idOfTitle.put(sample.title(), sample.id());
            return Newsroom.story("steppe-daily", sample.title(), sample.paragraphs().toArray(String[]::new))
                    .about(sample.id().substring(0, 2).toUpperCase()).event();
        }).toList();
        store.upsertAll(articles);

        for (QueryExamples.Example example : QueryExamples.EXAMPLES) {
            ArticleFilter filter = new ArticleFilter(List.of(), null, null, null, null, null, SearchQuery.parse(example.query()));
            List<String> whole = allPages(filter, 20);
            assertThat(whole.stream().map(idOfTitle::get).toList()).as(example.query())
                    .containsExactlyInAnyOrderElementsOf(example.selects());
            assertThat(allPages(filter, 1)).as(example.query() + ", a page of one at a time").containsExactlyElementsOf(whole);
            long counted = store.facets(filter, 10).countries().stream().mapToLong(count -> count.count()).sum();
            assertThat(counted).as(example.query() + ", facets").isEqualTo(example.selects().size());
        }
    }
}

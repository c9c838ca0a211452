package io.steppewire.notify.matching;

import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.notify.support.Stories;
import io.steppewire.query.QueryExamples;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription matcher selects the very articles that article-service's search selects for the same query
 * (both check {@link QueryExamples}; article-service in its SharedQueryExamplesTest).
 */
class SharedQueryExamplesTest {

    @Test
    void everySharedQuerySelectsTheSameSampleArticlesAsArticleSearch() {
        SubscriptionIndex index = new SubscriptionIndex();
        List<QueryExamples.Example> examples = QueryExamples.EXAMPLES;
        for (int i = 0; i < examples.size(); i++) {
            index.apply(SubscriptionIndexTest.articleWatch("example-" + i, Set.of(), Set.of(), Set.of(), examples.get(i).query()));
        }
        List<List<String>> selected = new ArrayList<>();
        examples.forEach(example -> selected.add(new ArrayList<>()));
        for (QueryExamples.Article sample : QueryExamples.ARTICLES) {
            for (Match match : index.matchArticle(article(sample))) {
                selected.get(Integer.parseInt(match.subscription().id().substring("example-".length()))).add(sample.id());
            }
        }
        for (int i = 0; i < examples.size(); i++) {
            assertThat(selected.get(i)).as(examples.get(i).query()).containsExactlyInAnyOrderElementsOf(examples.get(i).selects());
        }
    }

    private static ArticleIngested article(QueryExamples.Article sample) {
        return new ArticleIngested(sample.id(), "steppe-daily", "page-" + sample.id(), null, sample.title(),
                sample.paragraphs().stream().map(BodyBlock::paragraph).toList(), LocalDate.parse("2026-03-14"),
                Stories.MORNING, Stories.MORNING, List.of("KZ"), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}

package io.steppewire.query;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared examples hold for the plainest evaluation: every word and every run of adjacent words within a paragraph. */
class QueryExamplesTest {

    @Test
    void everyExampleSelectsItsArticlesWhenTermsAreWordsAndRunsOfWords() {
        for (QueryExamples.Example example : QueryExamples.EXAMPLES) {
            KeywordQuery query = QueryParser.parse(example.query());
            List<String> selected = new ArrayList<>();
            for (QueryExamples.Article article : QueryExamples.ARTICLES) {
                if (query.matches(keys(article)::contains)) {
                    selected.add(article.id());
                }
            }
            assertThat(selected).as(example.query()).containsExactlyInAnyOrderElementsOf(example.selects());
        }
    }

    private static Set<String> keys(QueryExamples.Article article) {
        Set<String> keys = new HashSet<>();
        List<String> blocks = new ArrayList<>(article.paragraphs());
        blocks.addFirst(article.title());
        for (String block : blocks) {
            List<String> words = TextTerms.words(block);
            for (int from = 0; from < words.size(); from++) {
                for (int to = from + 1; to <= words.size(); to++) {
                    keys.add(String.join(" ", words.subList(from, to)));
                }
            }
        }
        return keys;
    }
}

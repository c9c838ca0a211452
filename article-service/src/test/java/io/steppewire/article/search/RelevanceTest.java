package io.steppewire.article.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RelevanceTest {

    private static double scoreOf(String q, String title, String... body) {
        IndexedText text = SearchAnalysis.index(title, List.of(body));
        return Relevance.score(SearchQuery.parse(q), text.terms(), text.termCounts(), text.titleTerms(), text.termTotal());
    }

    @Test
    void ranksAnArticleWithTheWordInItsTitleAboveOneThatMentionsItOnce() {
        double inTitle = scoreOf("cotton", "Cotton Harvest Starts Early", "Pickers went out in August.");
        double inPassing = scoreOf("cotton", "Farm Wages Rise", "Wages rose on cotton and wheat farms.");

        assertThat(inTitle).isGreaterThan(inPassing);
    }

    @Test
    void ranksAnArticleThatRepeatsTheWordAboveOneThatSaysItOnce() {
        double often = scoreOf("dam", "Valley Report", "The dam is old.", "A new dam is planned.", "The dam will hold more.");
        double once = scoreOf("dam", "Valley Report", "The dam is old.", "Roads are planned.", "Schools will open.");

        assertThat(often).isGreaterThan(once);
    }

    @Test
    void givesNothingForWordsTheArticleDoesNotHave() {
        assertThat(scoreOf("railway", "Cotton Harvest Starts Early", "Pickers went out in August.")).isZero();
    }

    @Test
    void givesTheSameScoreFromTermEntriesAsFromTheArticle() {
        SearchQuery query = SearchQuery.parse("dam \"new dam\" valley");
        IndexedText text = SearchAnalysis.index("Valley Dam Report", List.of("The dam is old.", "A new dam is planned.", "Dams hold water."));
        List<TermEntry> entries = query.terms().stream().map(term -> {
            int at = text.terms().indexOf(term);
            return new TermEntry("a", 1, java.time.LocalDate.EPOCH, java.time.Instant.EPOCH, text.termTotal(),
                    text.termCounts().get(at), text.titleTerms().contains(term));
        }).toList();

        assertThat(Relevance.score(entries))
                .isEqualTo(Relevance.score(query, text.terms(), text.termCounts(), text.titleTerms(), text.termTotal()))
                .isPositive();
    }
}

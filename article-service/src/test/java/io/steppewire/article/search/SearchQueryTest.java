package io.steppewire.article.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SearchQueryTest {

    @Test
    void splitsWordsAndQuotedPhrasesIntoAnalysedTerms() {
        SearchQuery query = SearchQuery.parse("mining \"Copper Smelter\" exports");

        assertThat(query.terms()).containsExactly("copper", "smelter", "mine", "export");
        assertThat(query.phrases()).containsExactly("copper smelter");
    }

    @Test
    void findsAPhraseOnlyAsWholeWordsInOrder() {
        SearchQuery query = SearchQuery.parse("\"grid operator\"");

        assertThat(query.phrasesOccurIn("the national grid operator said")).isTrue();
        assertThat(query.phrasesOccurIn("the operator of the grid said")).isFalse();
        assertThat(query.phrasesOccurIn("a subgrid operators union")).isFalse();
        assertThat("the national grid operator said").containsPattern(query.phrasePatterns().getFirst());
        assertThat("a subgrid operators union").doesNotContainPattern(query.phrasePatterns().getFirst());
    }

    @Test
    void rejectsAQueryWithoutASearchableWord() {
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse("the of and"))
                .withMessageContaining("no searchable word");
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse("\"copper"))
                .withMessageContaining("unclosed quote");
    }

    @Test
    void refusesTextBeyondTheLengthAndTermLimitsBeforeSearching() {
        assertThat(SearchQuery.parse("solar ".repeat(166)).terms()).containsExactly("solar");
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse("x".repeat(SearchQuery.MAX_LENGTH + 1)))
                .withMessageContaining("at most 1000 characters");
        StringBuilder words = new StringBuilder();
        for (int i = 0; i <= SearchQuery.MAX_TERMS; i++) {
            words.append("word").append(i).append(' ');
        }
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse(words.toString()))
                .withMessageContaining("at most 32");
    }
}

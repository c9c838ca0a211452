package io.steppewire.article.search;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SearchQueryTest {

    /** Whether an article with this title and body matches, as the service checks a stored article. */
    private static boolean matches(String q, String title, String... body) {
        IndexedText text = SearchAnalysis.index(title, List.of(body));
        return SearchQuery.parse(q).matches(text.terms(), text.phraseText());
    }

    @Test
    void ranksByTheAnalysedTermsOutsideNotInTheOrderWritten() {
        SearchQuery query = SearchQuery.parse("mining \"Copper Smelter\" exports NOT (coal OR gold)");

        assertThat(query.terms()).containsExactly("mine", "copper", "smelter", "export");
    }

    @Test
    void combinesStemmedWordsWithAndOrAndNot() {
        assertThat(matches("elections OR referendum", "Referendum Called")).isTrue();
        assertThat(matches("elections OR referendum", "Election Day")).isTrue();
        assertThat(matches("elections AND referendum", "Election Day")).isFalse();
        assertThat(matches("(solar OR wind) NOT coal", "Wind Farm", "No coal is burned.")).isFalse();
        assertThat(matches("(solar OR wind) NOT coal", "Wind Farm", "Turbines turn.")).isTrue();
        assertThat(matches("solar wind", "Wind Farm")).isFalse();
    }

    @Test
    void findsAPhraseOnlyAsWholeWordsInOrder() {
        assertThat(matches("\"grid operator\"", "Report", "the national grid operator said")).isTrue();
        assertThat(matches("\"grid operator\"", "Report", "the operator of the grid said")).isFalse();
        assertThat(matches("\"grid operator\"", "Report", "a subgrid operators union")).isFalse();
        assertThat(matches("\"grid operator\"", "Report", "the national grid", "operator said")).isFalse();
    }

    @Test
    void readsAWordWithPunctuationAsAPhraseAndACommonWordWordForWord() {
        assertThat(matches("solar-park", "Solar Park Opens")).isTrue();
        assertThat(matches("solar-park", "Park Opens", "Solar panels arrive.")).isFalse();
        assertThat(matches("oil and gas", "Oil and Gas Output")).isTrue();
        assertThat(matches("oil and gas", "Oil, Gas Output")).isFalse();
        assertThat(matches("oil or gas", "Oil Output")).isFalse();
    }

    @Test
    void findsCandidatesByIntersectingUnitingAndSubtractingPostingsOfTheSameVersion() {
        Map<String, Map<String, TermEntry>> postings = Map.of(
                "solar", Map.of("a", entry("a", 1), "b", entry("b", 1), "old", entry("old", 1), "resighted", entry("resighted", 2)),
                "wind", Map.of("c", entry("c", 1), "old", entry("old", 2)),
                "coal", Map.of("a", entry("a", 1), "resighted", entry("resighted", 1)),
                "oil", Map.of("b", entry("b", 1)));
        Function<String, Map<String, TermEntry>> newestUnder = term -> postings.getOrDefault(term, Map.of());

        assertThat(SearchQuery.parse("solar OR wind").candidates(newestUnder)).containsOnlyKeys("a", "b", "c", "old", "resighted");
        assertThat(SearchQuery.parse("solar wind").candidates(newestUnder)).isEmpty();
        assertThat(SearchQuery.parse("solar OR wind").candidates(newestUnder).get("old"))
                .singleElement().extracting(TermEntry::version).isEqualTo(2L);
        // "resighted" had coal in its first sighting only: its newest one is no longer excluded.
        assertThat(SearchQuery.parse("solar NOT coal").candidates(newestUnder)).containsOnlyKeys("b", "old", "resighted");
        assertThat(SearchQuery.parse("solar NOT (coal OR oil)").candidates(newestUnder)).containsOnlyKeys("old", "resighted");
        assertThat(SearchQuery.parse("solar NOT (coal oil)").candidates(newestUnder)).containsOnlyKeys("a", "b", "old", "resighted");
        // A phrase or a word too common to be a term is not decided by postings: the stored article is checked.
        assertThat(SearchQuery.parse("solar NOT \"coal mine\"").candidates(newestUnder)).containsOnlyKeys("a", "b", "old", "resighted");
        assertThat(SearchQuery.parse("solar NOT the").candidates(newestUnder)).containsOnlyKeys("a", "b", "old", "resighted");
        assertThat(SearchQuery.parse("solar NOT coal").postingTerms()).containsExactly("solar", "coal");
        assertThat(SearchQuery.parse("solar NOT coal").terms()).containsExactly("solar");
    }

    private static TermEntry entry(String id, long version) {
        return new TermEntry(id, version, LocalDate.EPOCH, Instant.EPOCH, 10, 1, false);
    }

    @Test
    void refusesQueriesThatCouldMatchWithoutASearchableWordSayingWhatToWrite() {
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse("the of and"))
                .withMessageContaining("no searchable word");
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse("solar OR the"))
                .withMessageContaining("no searchable word");
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse("NOT coal"))
                .withMessageContaining("only excludes").withMessageContaining("q=solar NOT coal");
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse("\"copper"))
                .withMessageContaining("no closing quote");
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse("(copper OR"))
                .withMessageContaining("at position 10");
        assertThat(SearchQuery.parse("the AND solar").terms()).containsExactly("solar");
    }

    @Test
    void refusesTextBeyondTheLengthDepthAndTermLimitsBeforeSearching() {
        assertThat(SearchQuery.parse("solar ".repeat(166)).terms()).containsExactly("solar");
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse("x".repeat(SearchQuery.MAX_LENGTH + 1)))
                .withMessageContaining("at most 1000 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse("(".repeat(17) + "solar" + ")".repeat(17)))
                .withMessageContaining("16 levels deep");
        StringBuilder words = new StringBuilder();
        for (int i = 0; i <= SearchQuery.MAX_TERMS; i++) {
            words.append("word").append(i).append(i % 2 == 0 ? " OR " : " NOT ");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> SearchQuery.parse(words + "solar"))
                .withMessageContaining("at most 32");
    }
}

package io.steppewire.query;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParserTest {

    @Test
    void matchesEitherSideOfOr() {
        KeywordQuery query = QueryParser.parse("hydropower OR \"solar park\"");

        assertThat(query.matches(Set.of("hydropower")::contains)).isTrue();
        assertThat(query.matches(Set.of("solar park")::contains)).isTrue();
        assertThat(query.matches(Set.of("solar")::contains)).isFalse();
    }

    @Test
    void bindsAndTighterThanOr() {
        KeywordQuery query = QueryParser.parse("wind AND farm OR dam");

        assertThat(query.matches(Set.of("dam")::contains)).isTrue();
        assertThat(query.matches(Set.of("wind")::contains)).isFalse();
        assertThat(query.matches(Set.of("wind", "farm")::contains)).isTrue();
    }

    @Test
    void readsWordsSideBySideAsAnd() {
        KeywordQuery query = QueryParser.parse("copper smelter");

        assertThat(query.matches(Set.of("copper")::contains)).isFalse();
        assertThat(query.matches(Set.of("copper", "smelter")::contains)).isTrue();
    }

    @Test
    void honoursParenthesesAndNot() {
        KeywordQuery query = QueryParser.parse("(solar OR wind) AND NOT coal");

        assertThat(query.matches(Set.of("wind")::contains)).isTrue();
        assertThat(query.matches(Set.of("wind", "coal")::contains)).isFalse();
        assertThat(query.requiredOneOf()).containsExactlyInAnyOrder("solar", "wind");
    }

    @Test
    void foldsCaseAndPunctuationOfTermsLikeArticleText() {
        KeywordQuery query = QueryParser.parse("\"Solar-Park\" OR Rogun");

        assertThat(query.terms()).containsExactly("solar park", "rogun");
    }

    @Test
    void treatsLowerCaseOperatorsAsWords() {
        assertThat(QueryParser.parse("oil and gas").terms()).containsExactly("oil", "and", "gas");
    }

    @Test
    void saysWhereATermIsMissingAfterAnOperator() {
        assertThatThrownBy(() -> QueryParser.parse("solar OR"))
                .isInstanceOfSatisfying(QuerySyntaxException.class, e -> assertThat(e.position()).isEqualTo(8))
                .hasMessage("at position 8: expected a word, a \"quoted phrase\", NOT or '(' after OR, found the end of the query");
    }

    @Test
    void pointsAtAnUnclosedParenthesis() {
        assertThatThrownBy(() -> QueryParser.parse("(solar OR wind"))
                .hasMessage("at position 14: expected ')' to close the '(' at position 0, found the end of the query");
    }

    @Test
    void pointsAtAStrayClosingParenthesis() {
        assertThatThrownBy(() -> QueryParser.parse("solar)"))
                .hasMessage("at position 5: ')' has no matching '('");
    }

    @Test
    void pointsAtAnUnterminatedPhrase() {
        assertThatThrownBy(() -> QueryParser.parse("dam AND \"solar park"))
                .hasMessage("at position 8: the phrase opened here has no closing quote '\"'");
    }

    @Test
    void refusesAnEmptyQueryAndAPhraseWithoutLetters() {
        assertThatThrownBy(() -> QueryParser.parse("   ")).hasMessageStartingWith("at position 0: the query is empty");
        assertThatThrownBy(() -> QueryParser.parse("dam OR \"--\"")).hasMessageContaining("has no letters or digits");
    }

    @Test
    void knowsAPurelyNegativeQueryCannotBeFiledUnderAnyTerm() {
        assertThat(QueryParser.parse("NOT coal").requiredOneOf()).isNull();
        assertThat(QueryParser.parse("dam OR NOT coal").requiredOneOf()).isNull();
    }

    @Test
    void refusesNestingDeeperThanSixteenLevels() {
        String sixteen = "(".repeat(16) + "dam" + ")".repeat(16);
        String seventeen = "(".repeat(17) + "dam" + ")".repeat(17);

        assertThat(QueryParser.parse(sixteen).matches(Set.of("dam")::contains)).isTrue();
        assertThatThrownBy(() -> QueryParser.parse(seventeen)).isInstanceOf(QuerySyntaxException.class)
                .hasMessageContaining("more than 16 levels");
        assertThatThrownBy(() -> QueryParser.parse("NOT ".repeat(10) + "(".repeat(10) + "dam" + ")".repeat(10)))
                .hasMessageContaining("more than 16 levels");
    }
}

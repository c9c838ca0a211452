package io.steppewire.query;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random text and operator soup: the parser answers with a tree or a {@link QuerySyntaxException} that points into the
 * text, never with another exception, and never builds a tree deeper than its bound.
 */
class HostileQueryPropertyTest {

    @Property(tries = 2_000)
    void anyTextParsesOrSaysWhereItFails(@ForAll("queries") String text) {
        KeywordQuery query;
        try {
            query = QueryParser.parse(text);
        } catch (QuerySyntaxException e) {
            assertThat(e.position()).isBetween(0, Math.max(text.length(), QueryParser.MAX_LENGTH));
            assertThat(e.getMessage()).startsWith("at position " + e.position() + ": ");
            return;
        }
        assertThat(text.length()).isLessThanOrEqualTo(QueryParser.MAX_LENGTH);
        assertThat(nesting(query)).isLessThanOrEqualTo(QueryParser.MAX_DEPTH);
        assertThat(query.terms()).allSatisfy(key -> assertThat(key).isNotBlank().isEqualTo(TextTerms.key(key)));
    }

    /** How deep NOT nests; parentheses leave no node of their own, so this bounds from below what the parser counts. */
    private static int nesting(KeywordQuery query) {
        return switch (query) {
            case KeywordQuery.Term term -> 0;
            case KeywordQuery.And and -> Math.max(nesting(and.left()), nesting(and.right()));
            case KeywordQuery.Or or -> Math.max(nesting(or.left()), nesting(or.right()));
            case KeywordQuery.Not not -> 1 + nesting(not.negated());
        };
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> tokens = Arbitraries.of("AND", "OR", "NOT", "(", ")", "\"", "solar", "wind", "and", "or",
                        "--", "Solar-Park", "\u00e9t\u00e9", "\u0000", "\uD83D\uDE00", " ", "  ", "\t", "((((", "))))")
                .list().ofMaxSize(120).map(parts -> String.join(" ", parts));
        Arbitrary<String> glued = Arbitraries.strings().withChars("()\" ANDORTaz-").ofMaxLength(300);
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(1_100);
        Arbitrary<String> deep = Arbitraries.integers().between(0, 40)
                .map(n -> "NOT (".repeat(n) + "solar" + ")".repeat(n));
        return Arbitraries.frequencyOf(Tuple.of(4, tokens), Tuple.of(3, glued), Tuple.of(2, anyText), Tuple.of(1, deep));
    }
}

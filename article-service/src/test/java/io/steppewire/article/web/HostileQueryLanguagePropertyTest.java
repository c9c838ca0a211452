package io.steppewire.article.web;

import io.steppewire.article.support.QueryApi;
import io.steppewire.article.support.ServiceTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.springframework.test.context.TestContextManager;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operator soup, deep nesting and long OR chains in {@code q} of the listing and the facets (prepared like
 * {@link HostileParameterPropertyTest}): a 200, or a 400 problem+json naming q, within 2 s.
 */
class HostileQueryLanguagePropertyTest extends ServiceTest {

    HostileQueryLanguagePropertyTest() throws Exception {
        new TestContextManager(HostileQueryLanguagePropertyTest.class).prepareTestInstance(this);
        QueryApi.warmUp(port);
    }

    @Property(tries = 300)
    void anyQueryGetsA200OrAProblemWithinTwoSeconds(@ForAll("paths") String path, @ForAll("queries") String q) throws IOException {
        assertThat(QueryApi.unexpectedAnswer(port, path + "?q=" + QueryApi.encode(q), "q", q)).isNull();
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("/api/articles", "/api/facets");
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> soup = Arbitraries.of("AND", "OR", "NOT", "(", ")", "\"", "oil", "water", "the", "or", "--",
                        "solar-park", "$where", ".*", "\\", "{\"$ne\":1}", "\u0000", "\uD83D\uDE00")
                .list().ofMaxSize(60).map(parts -> String.join(" ", parts));
        Arbitrary<String> deep = Arbitraries.integers().between(0, 40).map(n -> "(".repeat(n) + "oil" + ")".repeat(n));
        Arbitrary<String> longOr = Arbitraries.integers().between(1, 200)
                .map(n -> "oil" + " OR w".repeat(n) + " NOT (a OR b)");
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300);
        return Arbitraries.frequencyOf(Tuple.of(5, soup), Tuple.of(2, deep), Tuple.of(2, longOr), Tuple.of(1, anyText));
    }
}

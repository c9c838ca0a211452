package io.steppewire.article.web;

import io.steppewire.article.support.HostileValues;
import io.steppewire.article.support.QueryApi;
import io.steppewire.article.support.ServiceTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.springframework.test.context.TestContextManager;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and hostile values for every input of every query endpoint, on the same running service as the other
 * tests (jqwik does not run Spring's JUnit extension, so the test instance is prepared by Spring's own
 * {@link TestContextManager}, which finds the shared context in its cache): a 200, or a 400/404 problem+json,
 * within 2 s.
 */
class HostileParameterPropertyTest extends ServiceTest {

    /** An input of an endpoint: a path variable or a query parameter. */
    record Target(QueryApi.Endpoint endpoint, String input) {
        @Override
        public String toString() {
            return endpoint.path() + " " + input;
        }
    }

    HostileParameterPropertyTest() throws Exception {
        new TestContextManager(HostileParameterPropertyTest.class).prepareTestInstance(this);
        QueryApi.warmUp(port);
    }

    @Property(tries = 400)
    void anyValueOfAnyInputGetsA200OrAProblemWithinTwoSeconds(@ForAll("targets") Target target,
                                                              @ForAll("values") String value) throws IOException {
        String request = target.endpoint().request(target.input(), value, "no-such-article", "KZT-USD");
        assertThat(QueryApi.unexpectedAnswer(port, request, target.input(), value)).isNull();
    }

    @Provide
    Arbitrary<Target> targets() {
        return Arbitraries.of(QueryApi.ENDPOINTS.stream()
                .flatMap(endpoint -> endpoint.inputs().stream().map(input -> new Target(endpoint, input))).toList());
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> hostile = Arbitraries.of(HostileValues.all());
        Arbitrary<String> metacharacters = Arbitraries.strings().withChars("$.*+?()[]{}|\\^\"'%;/#&=<>-:,_ ~`!@")
                .numeric().alpha().ofMaxLength(80);
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> numbers = Arbitraries.longs().map(String::valueOf);
        Arbitrary<String> dates = Combinators.combine(Arbitraries.integers().between(-99_999, 99_999),
                        Arbitraries.integers().between(-1, 14), Arbitraries.integers().between(-1, 32))
                .as((year, month, day) -> String.format("%04d-%02d-%02d", year, month, day));
        Arbitrary<String> mixed = Combinators.combine(hostile, metacharacters).as(String::concat);
        return Arbitraries.frequencyOf(
                Tuple.of(3, hostile),
                Tuple.of(3, metacharacters),
                Tuple.of(3, anyText),
                Tuple.of(1, numbers),
                Tuple.of(2, dates),
                Tuple.of(1, mixed));
    }
}

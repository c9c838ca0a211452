package io.steppewire.notify.unsubscribe;

import io.steppewire.notify.support.NotifyIntegrationTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestContextManager;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and hostile tokens at {@code /unsubscribe}, by GET and by POST (jqwik, the shared context prepared by
 * Spring's {@link TestContextManager}): near misses of a genuine token (one character changed, parts swapped, cut,
 * extended), random text, huge values. Never a 5xx, always problem+json, within 2 s, and the subscription is never
 * paused.
 */
class HostileUnsubscribeTokenPropertyTest extends NotifyIntegrationTest {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    @Autowired
    UnsubscribeTokens tokens;

    private final String subscriptionId;
    private final String genuine;

    HostileUnsubscribeTokenPropertyTest() throws Exception {
        new TestContextManager(HostileUnsubscribeTokenPropertyTest.class).prepareTestInstance(this);
        subscriptionId = subscribe("""
                {"name": "Never paused", "channel": {"type": "email", "address": "never-paused@example.org"},
                 "rules": {"tags": ["hostile-unsubscribe"]}}""");
        genuine = tokens.issue(subscriptionId);
    }

    @Property(tries = 300)
    void noTokenButTheGenuineOnePausesAnythingOrFailsTheService(@ForAll("tokens") String token, @ForAll boolean post) {
        String query = "/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        long started = System.nanoTime();
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(url(query)))
                .method(post ? "POST" : "GET", HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .header("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT);
        assertThat(answer.statusCode()).as(token).isBetween(400, 499);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(getWithKey("/api/subscriptions/" + subscriptionId).body()).has("pausedAt")).isFalse();
    }

    @Provide
    Arbitrary<String> tokens() {
        Arbitrary<String> oneChanged = Arbitraries.integers().between(0, genuine.length() - 1).flatMap(i ->
                Arbitraries.chars().alpha().numeric().with('-', '_', '.').filter(c -> c != genuine.charAt(i))
                        .map(c -> genuine.substring(0, i) + c + genuine.substring(i + 1)));
        Arbitrary<String> cut = Arbitraries.integers().between(0, genuine.length() - 1).map(i -> genuine.substring(0, i));
        Arbitrary<String> extended = Arbitraries.strings().ofMinLength(1).ofMaxLength(20).map(tail -> genuine + tail);
        String[] parts = genuine.split("\\.");
        Arbitrary<String> reassembled = Arbitraries.of(
                parts[0] + "." + parts[1] + "." + parts[3] + "." + parts[2],
                "v2." + parts[1] + "." + parts[2] + "." + parts[3],
                parts[0] + "." + parts[1].toUpperCase() + "." + parts[2] + "." + parts[3],
                parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 1) + "." + parts[3],
                parts[0] + "." + parts[1] + ".0" + parts[2] + "." + parts[3],
                parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3] + "=",
                parts[0] + ".." + parts[2] + "." + parts[3]);
        return Arbitraries.frequencyOf(
                Tuple.of(4, oneChanged), Tuple.of(2, cut), Tuple.of(2, extended), Tuple.of(2, reassembled),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(200)),
                Tuple.of(1, Arbitraries.of("v1." + "A".repeat(100_000), "\u0000", "%00", "../../etc/passwd", "v1.<script>.1.x",
                        "v1." + subscriptionId + ".-1." + parts[3], "v1." + subscriptionId + ".99999999999999999999." + parts[3])));
    }
}

package io.steppewire.notify.subscription;

import io.steppewire.notify.support.NotifyIntegrationTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestContextManager;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and hostile subscription bodies thrown at {@code POST /api/subscriptions} on the running service
 * (jqwik does not run Spring's JUnit extension, so Spring's {@link TestContextManager} prepares each instance
 * with the shared context from its cache): subscription-shaped bodies whose every field may be missing, of the
 * wrong type, huge, an exponent, deeply nested, a pathological address, URL or query; arbitrary JSON nested
 * past the reader's limit; and text that is no JSON at all. Never a 5xx, never more than 2 s, and a refusal
 * leaves the store as it was. The rare body that is valid is created, and deleted again at once.
 */
class HostileSubscriptionBodyPropertyTest extends NotifyIntegrationTest {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    @Autowired
    MongoTemplate mongo;

    private final String subscriberKey;

    HostileSubscriptionBodyPropertyTest() throws Exception {
        new TestContextManager(HostileSubscriptionBodyPropertyTest.class).prepareTestInstance(this);
        subscriberKey = issueKey("Property tester").key();
        // The first request of a fresh context initialises the servlet and its filters: not what is measured.
        getWithKey("/api/subscriptions?limit=1");
    }

    @Property(tries = 500)
    void anySubscriptionShapedBodyIsAnsweredWithoutFailureInTime(@ForAll("subscriptionBodies") String body, @ForAll boolean asSubscriber) {
        answersWithinLimitAndStoresOnlyWhatItAccepts(body, asSubscriber);
    }

    @Property(tries = 300)
    void anyJsonOrNonJsonBodyIsAnsweredWithoutFailureInTime(@ForAll("anyBodies") String body, @ForAll boolean asSubscriber) {
        answersWithinLimitAndStoresOnlyWhatItAccepts(body, asSubscriber);
    }

    private void answersWithinLimitAndStoresOnlyWhatItAccepts(String body, boolean asSubscriber) {
        long before = storedSubscriptions();
        long started = System.nanoTime();
        HttpResponse<String> answer = sendAs(asSubscriber ? subscriberKey : API_KEY, "POST", "/api/subscriptions", body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // The report shows how the answers spread, so a generator that only ever reaches the JSON reader stands out.
        Statistics.label("answer").collect(answer.statusCode() + " " + JSON.readTree(answer.body()).path("title").asString(""));
        assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
        assertThat(took).isLessThan(LIMIT);
        if (answer.statusCode() == 201) {
            assertThat(storedSubscriptions()).isEqualTo(before + 1);
            String id = JSON.readTree(answer.body()).path("id").asString();
            assertThat(deleteWithKey("/api/subscriptions/" + id).statusCode()).isEqualTo(204);
        } else {
            assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(storedSubscriptions()).as("stored after a refusal").isEqualTo(before);
        }
    }

    private long storedSubscriptions() {
        return mongo.getCollection("subscriptions").countDocuments();
    }

    // ---- subscription-shaped bodies ----

    @Provide
    Arbitrary<String> subscriptionBodies() {
        Arbitrary<Optional<String>> extra = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(1, member("extra", anyJson(3))));
        Arbitrary<Optional<String>> quietHours = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(1, member("quietHours", quietHours())));
        Arbitrary<Optional<String>> delivery = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(1, member("delivery", delivery())));
        Arbitrary<Optional<String>> maxPerHour = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(1, member("maxPerHour", mostlyValid(Arbitraries.of("1", "10", "1000", "\"5\""),
                        Arbitraries.of("0", "-1", "1001", "1.5", "1e3", "\"ten\"", "\"\"", "9".repeat(40), "\"" + "9".repeat(100_000) + "\"")))));
        return Combinators.combine(member("name", names()), member("channel", channels()), member("rules", rules()), quietHours, delivery,
                        maxPerHour, extra)
                .as(HostileSubscriptionBodyPropertyTest::object);
    }

    /** Instant or digest delivery, with every digest field sometimes wrong, missing or of the wrong type. */
    private static Arbitrary<String> delivery() {
        Arbitrary<String> mode = mostlyValid(texts(Arbitraries.of("digest", "digest", "instant")),
                texts(Arbitraries.oneOf(Arbitraries.of("DIGEST", "batch", "", " digest"), Arbitraries.strings().all().ofMaxLength(12))));
        Arbitrary<String> every = mostlyValid(texts(Arbitraries.of("day", "week")),
                texts(Arbitraries.oneOf(Arbitraries.of("hour", "Day", "month", ""), Arbitraries.strings().all().ofMaxLength(8))));
        Arbitrary<String> at = mostlyValid(texts(Arbitraries.of("08:00", "00:00", "23:59")),
                texts(Arbitraries.of("24:00", "8:00", "08:00:00", "8am", "", "０８:００")));
        Arbitrary<String> zone = mostlyValid(texts(Arbitraries.of("Asia/Almaty", "UTC", "Europe/Berlin")),
                texts(Arbitraries.oneOf(Arbitraries.of("Asia/Atlantis", "", "+05:00", "Z".repeat(10_000)), Arbitraries.strings().all().ofMaxLength(40))));
        Arbitrary<String> day = mostlyValid(texts(Arbitraries.of("monday", "sunday")), texts(Arbitraries.of("Monday", "mon", "someday", "")));
        Arbitrary<Optional<String>> optionalDay = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(1, member("day", day)));
        Arbitrary<String> digest = Combinators.combine(member("every", every), member("at", at), member("timezone", zone), optionalDay)
                .as(HostileSubscriptionBodyPropertyTest::object);
        return Combinators.combine(member("mode", mode), member("digest", Arbitraries.oneOf(digest, wrongTypes())))
                .as(HostileSubscriptionBodyPropertyTest::object);
    }

    private static Arbitrary<String> quietHours() {
        Arbitrary<String> time = mostlyValid(texts(Arbitraries.of("22:00", "07:00", "00:00", "23:59", "12:30")),
                texts(Arbitraries.oneOf(Arbitraries.of("24:00", "7:00", "22:00:00", "22h", "-01:00", "", "22:60", "２２:００"),
                        Arbitraries.strings().all().ofMaxLength(8))));
        Arbitrary<String> zone = mostlyValid(texts(Arbitraries.of("Asia/Almaty", "Asia/Tashkent", "UTC", "Europe/Berlin")),
                texts(Arbitraries.oneOf(Arbitraries.of("asia/almaty", "Mars/Olympus", "+05:00", "GMT+5", "", "../../etc/passwd",
                        "A".repeat(10_000)), Arbitraries.strings().all().ofMaxLength(40))));
        return Combinators.combine(member("from", time), member("to", time), member("timezone", zone))
                .as(HostileSubscriptionBodyPropertyTest::object);
    }

    /** {@code "name": value}, or nothing at all. */
    private static Arbitrary<Optional<String>> member(String name, Arbitrary<String> value) {
        return Arbitraries.frequencyOf(Tuple.of(12, value.map(v -> Optional.of(quote(name) + ":" + v))),
                Tuple.of(1, Arbitraries.just(Optional.empty())));
    }

    @SafeVarargs
    private static String object(Optional<String>... members) {
        return "{" + java.util.Arrays.stream(members).flatMap(Optional::stream).collect(Collectors.joining(",")) + "}";
    }

    private static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    private static Arbitrary<String> texts(Arbitrary<String> values) {
        return values.map(HostileSubscriptionBodyPropertyTest::quote);
    }

    /** JSON values of the wrong type for any field, and numbers the reader or the validator must refuse. */
    private static Arbitrary<String> wrongTypes() {
        return Arbitraries.of("null", "0", "-1", "true", "[]", "{}", "[null]", "1E-500000000", "1e308", "-0.0",
                "1" + "0".repeat(64), "0." + "0".repeat(80) + "1", "[".repeat(40) + "]".repeat(40), "{\"a\":".repeat(40) + "1" + "}".repeat(40));
    }

    private static Arbitrary<String> names() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, texts(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30))),
                Tuple.of(2, texts(Arbitraries.strings().all().ofMaxLength(200))),
                Tuple.of(2, texts(Arbitraries.of("", " ", "\u0000", "\u202Eevil", "x".repeat(121), "x".repeat(150_000), "💥".repeat(70)))),
                Tuple.of(1, wrongTypes()));
    }

    private static Arbitrary<String> channels() {
        Arbitrary<String> webhook = Combinators.combine(member("url", texts(urls())), member("secret", texts(secrets())))
                .as((url, secret) -> object(Optional.of("\"type\":\"webhook\""), url, secret));
        Arbitrary<String> email = member("address", texts(emails())).map(address -> object(Optional.of("\"type\":\"email\""), address));
        Arbitrary<String> sse = Arbitraries.of("{\"type\":\"sse\"}", "{\"type\":\" SSE \"}");
        Arbitrary<String> otherType = member("type", Arbitraries.oneOf(texts(Arbitraries.strings().all().ofMaxLength(20)), wrongTypes()))
                .map(type -> object(type));
        return Arbitraries.frequencyOf(Tuple.of(4, webhook), Tuple.of(4, email), Tuple.of(4, sse), Tuple.of(1, otherType),
                Tuple.of(1, wrongTypes()));
    }

    /** IP literals and malformed URLs only: a host name would make the address check ask DNS, whose speed is not the service's. */
    private static Arbitrary<String> urls() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("http://127.0.0.1:59/hook", "https://[::1]:59/hook", "http://127.0.0.2:8080/in?x=1")),
                Tuple.of(2, Arbitraries.of("http://10.0.0.1/hook", "http://169.254.169.254/",
                        "http://0.0.0.0/", "http://[::ffff:10.0.0.1]/", "ftp://127.0.0.1/x", "http://", "http:///x", "javascript:alert(1)",
                        "http://user:pw@127.0.0.1/", "http://127.0.0.1:99999/", "http://[::1", "http://%zz/", "http://127.0.0.1/%",
                        "http://127.0.0.1/" + "a".repeat(3000), " http://127.0.0.1:59/hook ", "\u0000", "http://127.0.0.1:59/hook#frag")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(100)));
    }

    private static Arbitrary<String> secrets() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().alpha().numeric().ofMinLength(16).ofMaxLength(40)),
                Tuple.of(1, Arbitraries.of("whsec_", "whsec_!!!", "whsec_" + "A".repeat(5000), "x".repeat(100_000), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(100)));
    }

    private static Arbitrary<String> emails() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(20);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(label, label).as((local, domain) -> local + "@" + domain + ".org")),
                Tuple.of(2, Arbitraries.of("desk@example.org", "a@b", "@", "a@@b.org", "Desk <desk@example.org>", "desk@example.org (x)",
                        "a".repeat(100_000) + "@example.org", "(".repeat(100_000) + "@example.org", "\"".repeat(300) + "@x.org",
                        "a@" + "b.".repeat(120) + "org", "\\".repeat(200) + "@x.org", "a@[10.0.0.1]", "group: a@b.org;", "a@b.org, c@d.org",
                        "(" .repeat(60) + "a@x.org" + ")".repeat(60), "\"\\\"".repeat(80) + "@x.org")),
                Tuple.of(2, Combinators.combine(Arbitraries.strings().ascii().ofMaxLength(70), Arbitraries.strings().ascii().ofMaxLength(70))
                        .as((local, domain) -> local + "@" + domain)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(300)));
    }

    private static Arbitrary<String> rules() {
        // Countries, tags and pairs that no other test's events carry, so a subscription accepted here alerts nobody.
        Arbitrary<String> countries = lists(mostlyValid(texts(Arbitraries.of("MN", "mn", "AF")),
                texts(Arbitraries.oneOf(Arbitraries.of("XX", "Mongolia", ""), Arbitraries.strings().all().ofMaxLength(5)))));
        Arbitrary<String> tags = lists(mostlyValid(texts(Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1)
                        .ofMaxLength(20).map(tag -> "prop" + tag)),
                texts(Arbitraries.oneOf(Arbitraries.strings().withCharRange('a', 'z').ofLength(70), Arbitraries.strings().all().ofMaxLength(80)))));
        Arbitrary<String> entities = lists(mostlyValid(texts(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30)),
                texts(Arbitraries.strings().all().ofMaxLength(250))));
        return Combinators.combine(member("countries", countries), member("tags", tags), member("entities", entities),
                        member("query", mostlyValid(texts(Arbitraries.of("mongolia", "steppe AND (wind OR solar)", "\"gobi desert\"")),
                                texts(queries()))),
                        member("pairs", lists(pairRules())),
                        member("perStory", Arbitraries.oneOf(Arbitraries.of("true", "false", "\"false\"", "\"yes\""), wrongTypes())))
                .as(HostileSubscriptionBodyPropertyTest::object);
    }

    /** Mostly valid values, sometimes hostile ones, sometimes a JSON value of the wrong type. */
    private static Arbitrary<String> mostlyValid(Arbitrary<String> valid, Arbitrary<String> hostile) {
        return Arbitraries.frequencyOf(Tuple.of(16, valid), Tuple.of(3, hostile), Tuple.of(1, wrongTypes()));
    }

    private static Arbitrary<String> lists(Arbitrary<String> element) {
        return Arbitraries.frequencyOf(Tuple.of(12, element.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]")),
                Tuple.of(1, element.list().ofSize(60).map(l -> "[" + String.join(",", l) + "]")),
                Tuple.of(1, wrongTypes()));
    }

    /** Keyword queries, pathological nesting above all. */
    private static Arbitrary<String> queries() {
        Arbitrary<Integer> depth = Arbitraries.integers().between(0, 600);
        return Arbitraries.frequencyOf(
                Tuple.of(2, Combinators.combine(depth, depth).as((open, close) -> "(".repeat(open) + "dam" + ")".repeat(close))),
                Tuple.of(1, depth.map(n -> "NOT ".repeat(n) + "dam")),
                Tuple.of(1, depth.map(n -> "dam OR ".repeat(n) + "solar")),
                Tuple.of(1, depth.map(n -> "(NOT (dam AND ".repeat(n) + "x" + "))".repeat(n))),
                Tuple.of(1, depth.map(n -> "\"".repeat(n))),
                Tuple.of(1, Arbitraries.of("dam", "NOT coal", "solar OR", "(dam", "dam)", "AND", "\"solar park\"", "a".repeat(1001))),
                Tuple.of(2, Arbitraries.strings().withChars("()\" ANDORTx").ofMaxLength(200)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(1200)));
    }

    private static Arbitrary<String> pairRules() {
        Arbitrary<String> pair = mostlyValid(texts(Arbitraries.of("MNT/USD", "mnt-usd", "AFN/USD")),
                texts(Arbitraries.oneOf(Arbitraries.of("USD/MNT", "XXX/YYY", "MNT/", "", "MNT/USD/EUR"), Arbitraries.strings().all().ofMaxLength(12))));
        Arbitrary<String> direction = mostlyValid(texts(Arbitraries.of("up", "down", "either", "UP")), texts(Arbitraries.of("sideways", "")));
        // Every rule kind's fields, whatever the kind: a level on a window rule must be refused as clearly as a bad level.
        Arbitrary<String> kind = mostlyValid(texts(Arbitraries.of("change", "window", "level", "sinceLastAlert", "divergence")),
                texts(Arbitraries.oneOf(Arbitraries.of("WINDOW", "since_last_alert", "", "change "), Arbitraries.strings().all().ofMaxLength(20))));
        Arbitrary<String> window = mostlyValid(texts(Arbitraries.of("24h", "7d", "30d")),
                texts(Arbitraries.oneOf(Arbitraries.of("1h", "31d", "7D", "-7d", "P7D", "99999999999d", "7d "), Arbitraries.strings().all().ofMaxLength(12))));
        Arbitrary<String> minutes = Arbitraries.oneOf(Arbitraries.of("0", "1", "60", "1440", "-1", "525601", "1.5", "1e3", "9".repeat(40))
                .flatMap(m -> Arbitraries.of(m, quote(m))), wrongTypes());
        return Combinators.combine(member("kind", kind), member("pair", pair), member("thresholdPct", thresholds()), member("direction", direction),
                        member("window", window), member("level", thresholds()), member("hysteresisPct", thresholds()),
                        member("minIntervalMinutes", minutes))
                .as(HostileSubscriptionBodyPropertyTest::object);
    }

    /** Thresholds as JSON numbers and as strings: exponents, long digit runs, out of range, not numbers at all. */
    private static Arbitrary<String> thresholds() {
        Arbitrary<String> hostile = Arbitraries.of("0.5", "1000", "1000.0001", "0", "-0", "-1", "1E-500000000", "1e+500000000", "5E-1",
                "1e308", "4.9E-324", "0." + "0".repeat(29) + "1", "0." + "0".repeat(30) + "1", "1" + "0".repeat(40), "NaN", "Infinity",
                "0x10", "1,5", " 1 ", "", "1" + "0".repeat(63), "9".repeat(64));
        Arbitrary<String> decimals = Arbitraries.bigDecimals().map(java.math.BigDecimal::toString);
        Arbitrary<String> doubles = Arbitraries.doubles().map(String::valueOf);
        Arbitrary<String> inRange = Arbitraries.bigDecimals().between(new java.math.BigDecimal("0.0001"), new java.math.BigDecimal("1000"))
                .ofScale(4).map(java.math.BigDecimal::toPlainString);
        Arbitrary<String> text = Arbitraries.oneOf(hostile, decimals, doubles, inRange, inRange);
        return Arbitraries.frequencyOf(
                Tuple.of(6, text.map(HostileSubscriptionBodyPropertyTest::quote)),
                Tuple.of(6, text.filter(HostileSubscriptionBodyPropertyTest::looksLikeAJsonNumber)),
                Tuple.of(1, wrongTypes()));
    }

    private static boolean looksLikeAJsonNumber(String text) {
        return text.matches("-?(0|[1-9][0-9]{0,200})(\\.[0-9]{1,200})?([eE][-+]?[0-9]{1,12})?");
    }

    // ---- any body at all ----

    @Provide
    Arbitrary<String> anyBodies() {
        Arbitrary<String> truncated = subscriptionBodies().flatMap(body ->
                Arbitraries.integers().between(0, body.length()).map(cut -> body.substring(0, cut)));
        return Arbitraries.frequencyOf(
                Tuple.of(3, anyJson(6)),
                Tuple.of(2, Arbitraries.integers().between(1, 60).map(depth -> "{\"rules\":".repeat(depth) + "{}" + "}".repeat(depth))),
                Tuple.of(1, Arbitraries.integers().between(1, 200).map(depth -> "[".repeat(depth) + "]".repeat(depth))),
                Tuple.of(2, truncated),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(300)),
                Tuple.of(1, Arbitraries.of("", " ", "null", "\"just a string\"", "[]", "{\"name\":\"x\"}{\"name\":\"y\"}", "{\"name\":\"x\",}",
                        "{'name':'x'}", "{\"name\":\"\\ud800\"}", "\u0000", "{\"thresholdPct\":" + "9".repeat(100_000) + "}")));
    }

    /** Arbitrary JSON, with the subscription's field names among the random ones. */
    private static Arbitrary<String> anyJson(int depth) {
        Arbitrary<String> scalars = Arbitraries.oneOf(wrongTypes(), texts(Arbitraries.strings().all().ofMaxLength(40)),
                Arbitraries.integers().map(String::valueOf));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("name", "channel", "rules", "type", "url", "secret", "address",
                "countries", "tags", "entities", "query", "pairs", "pair", "thresholdPct", "direction", "kind", "window", "level",
                "hysteresisPct", "minIntervalMinutes", "perStory", "quietHours", "from", "to", "timezone", "delivery", "mode", "digest",
                "every", "at", "day", "maxPerHour"),
                Arbitraries.strings().all().ofMaxLength(10));
        Arbitrary<String> objects = Combinators.combine(keys, Arbitraries.lazy(() -> anyJson(depth - 1))).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(5).map(members -> "{" + String.join(",", new ArrayList<>(members)) + "}");
        Arbitrary<String> arrays = Arbitraries.lazy(() -> anyJson(depth - 1)).list().ofMaxSize(5).map(items -> "[" + String.join(",", items) + "]");
        return Arbitraries.frequencyOf(Tuple.of(2, scalars), Tuple.of(3, objects), Tuple.of(1, arrays));
    }
}

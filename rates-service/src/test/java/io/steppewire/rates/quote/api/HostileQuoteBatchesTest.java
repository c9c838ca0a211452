package io.steppewire.rates.quote.api;

import io.steppewire.platform.testing.RawHttp;
import io.steppewire.platform.testing.RawHttp.Answer;
import io.steppewire.platform.web.HttpLimitsProperties;
import io.steppewire.rates.support.QuoteTopicWatch;
import io.steppewire.rates.support.RatesServiceTest;
import io.steppewire.rates.support.SharedService;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and hostile bodies for {@code POST /api/quotes}, with the admin key, on the real server: whatever arrives
 * is answered without a 5xx, within 2 s, and a refused batch publishes nothing to {@code fx.quotes.v1} (read back
 * from the topic), while an accepted one publishes exactly its quotes. Runs in the same service as the Jupiter
 * tests ({@link SharedService}).
 */
@RatesServiceTest
class HostileQuoteBatchesTest {

    private static final Duration AT_MOST = Duration.ofSeconds(2);
    private static final Pattern PUBLISHED = Pattern.compile("\"published\":(\\d+)");
    /** Pairs no other test of this module reads changes of, so that accepted batches here disturb none of them. */
    private static final List<String> VALID_PAIRS = List.of("TJS/USD", "usd/tjs", "TMT-USD", " AFN / USD ", "EUR/TJS");

    private static SharedService service;
    private static QuoteTopicWatch quotes;

    @BeforeContainer
    static void joinTheSharedService() throws IOException {
        service = SharedService.of(HostileQuoteBatchesTest.class);
        quotes = new QuoteTopicWatch(service.brokers());
        warmUp();
    }

    /**
     * The first large batch a fresh JVM takes runs through code the JIT has not compiled yet, which took 2.6 s on a
     * busy machine against 50-300 ms afterwards; the 2 s bound is about what a request costs, not the compiler.
     */
    private static void warmUp() throws IOException {
        long limit = service.context().getBean(HttpLimitsProperties.class).maxBodySize().toBytes();
        for (int round = 0; round < 3; round++) {
            RawHttp.send(service.port(), "POST", "/api/quotes",
                    Map.of("Content-Type", "application/json", "X-Api-Key", service.adminKey()), paddedBatch(500, (int) limit));
        }
    }

    @AfterContainer
    static void closeWatch() {
        quotes.close();
    }

    @Property(tries = 300)
    void hostileBatchesAreAnsweredQuicklyAndPublishedOnlyWhenAccepted(@ForAll("hostileBatches") byte[] body) throws IOException {
        Statistics.label("status").collect(post(body).status());
        // Batches mix good quotes with hostile ones: some must be accepted whole, or the publish check proves nothing.
        Statistics.label("status").coverage(coverage -> {
            coverage.check(202).percentage(percent -> percent >= 1);
            coverage.check(400).percentage(percent -> percent >= 50);
        });
    }

    /**
     * One quote of an otherwise good batch carries a hostile decimal: it is refused in bounded time, naming that
     * quote's index and field, or, if the decimal is in fact sane, the whole batch is accepted.
     */
    @Property(tries = 200)
    void aHostileDecimalIsRefusedNamingItsQuoteAndField(@ForAll("goodQuotes") List<List<String>> good,
                                                        @ForAll @IntRange(min = 0, max = 3) int position,
                                                        @ForAll("canonicalQuote") List<String> target,
                                                        @ForAll("decimalFields") String field,
                                                        @ForAll("decimals") String value) throws IOException {
        int index = Math.min(position, good.size());
        List<String> hostile = new ArrayList<>(target);
        hostile.set(field.equals("rate") ? 1 : 2, "\"" + field + "\":" + value);
        List<String> items = new ArrayList<>(good.stream().map(HostileQuoteBatchesTest::object).toList());
        items.add(index, object(hostile));
        byte[] body = ("{\"quotes\":[" + String.join(",", items) + "]}").getBytes(StandardCharsets.UTF_8);

        Answer answer = post(body);

        if (answer.status() == 400) {
            String named = "{\"index\":" + index + ",\"field\":\"" + field + "\"";
            assertThat(answer.body()).as(excerpt(body)).satisfiesAnyOf(
                    refusal -> assertThat(refusal).contains(named),
                    refusal -> assertThat(refusal).contains("quotes[" + index + "]." + field),
                    // A JSON number longer than the reader takes, or a value that is not JSON at all (+1.5, 0x1F),
                    // is refused by the reader before any field is read.
                    refusal -> assertThat(refusal).contains("limit of the JSON reader"),
                    refusal -> assertThat(refusal).contains("not valid JSON"));
        } else {
            assertThat(answer.status()).as(excerpt(body)).isEqualTo(202);
        }
        Statistics.label("status").collect(answer.status());
    }

    @Provide
    Arbitrary<List<List<String>>> goodQuotes() {
        return validQuote().list().ofMaxSize(3);
    }

    /** A good quote in the canonical direction, so that a refusal can only be about the decimal under test. */
    @Provide
    Arbitrary<List<String>> canonicalQuote() {
        return validQuote().filter(members -> !members.getFirst().contains("usd/") && !members.getFirst().contains("EUR/"));
    }

    @Provide
    Arbitrary<String> decimalFields() {
        return Arbitraries.of("rate", "reportedChangePct");
    }

    @Provide
    Arbitrary<String> decimals() {
        return decimalValues();
    }

    @Property(tries = 150)
    void randomJsonIsRefusedQuicklyAndPublishesNothing(@ForAll("randomJson") byte[] body) throws IOException {
        Answer answer = post(body);
        assertThat(answer.status()).as(excerpt(body)).isBetween(400, 499);
    }

    /** Batches of valid quotes padded to a size around the body limit: only those over it are refused, with 413. */
    @Property(tries = 12)
    void batchesAroundTheBodyLimitAreAcceptedUpToItAndRefusedWith413Beyond(
            @ForAll @IntRange(min = -4096, max = 4096) int bytesFromTheLimit, @ForAll @IntRange(min = 1, max = 500) int count)
            throws IOException {
        long limit = service.context().getBean(HttpLimitsProperties.class).maxBodySize().toBytes();
        byte[] body = paddedBatch(count, (int) limit + bytesFromTheLimit);

        Answer answer = post(body);

        if (body.length > limit) {
            assertThat(answer.status()).isEqualTo(413);
        } else {
            assertThat(answer.status()).isEqualTo(202);
            assertThat(published(answer)).isEqualTo(count);
        }
    }

    /** A batch with more quotes than allowed is refused as a whole, however small each quote is. */
    @Property(tries = 5)
    void tooManyQuotesJustUnderTheBodyLimitAreRefusedAsAWhole(@ForAll @IntRange(min = 501, max = 2500) int count)
            throws IOException {
        long limit = service.context().getBean(HttpLimitsProperties.class).maxBodySize().toBytes();
        Answer answer = post(paddedBatch(count, (int) limit - 16));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("at most 500");
    }

    /**
     * Sends the body with the admin key and checks what every answer must hold; the caller checks what its bodies
     * must get on top. Synchronized: jqwik may go on shrinking a failed property in its own thread while the next
     * one starts, and the watch's consumer takes one thread at a time.
     */
    private static synchronized Answer post(byte[] body) throws IOException {
        Map<TopicPartition, Long> before = quotes.endOffsets();
        long started = System.nanoTime();
        Answer answer = RawHttp.send(service.port(), "POST", "/api/quotes",
                Map.of("Content-Type", "application/json", "X-Api-Key", service.adminKey()), body);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        String attempt = excerpt(body) + " -> " + answer.status() + " " + answer.body();
        assertThat(answer.status()).as(attempt).isLessThan(500);
        assertThat(took).as(attempt).isLessThan(AT_MOST);
        List<ConsumerRecord<byte[], byte[]>> written = quotes.writtenSince(before);
        if (answer.status() >= 400) {
            assertThat(answer.header("content-type")).as(attempt).startsWith("application/problem+json");
            assertThat(written).as(attempt).isEmpty();
        } else {
            assertThat(answer.status()).as(attempt).isEqualTo(202);
            assertThat(written).as(attempt).hasSize(published(answer));
        }
        return answer;
    }

    private static int published(Answer answer) {
        Matcher matcher = PUBLISHED.matcher(answer.body());
        assertThat(matcher.find()).as(answer.body()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= 400 ? text : text.substring(0, 400) + "... (" + body.length + " bytes)";
    }

    // ---- hostile batches: the right shape, with fields drawn from valid and hostile values ----

    @Provide
    Arbitrary<byte[]> hostileBatches() {
        Arbitrary<String> anyFields = Combinators.combine(field("pair", pairs()), field("rate", decimalValues()),
                        field("reportedChangePct", decimalValues()), field("asOf", asOfs()), field("source", sources()),
                        extraMembers())
                .as((pair, rate, reported, asOf, source, extra) -> object(List.of(pair, rate, reported, asOf, source, extra)));
        Arbitrary<String> quoteOrJunk = Arbitraries.frequencyOf(Tuple.of(4, anyFields), Tuple.of(6, oneHostileField()),
                Tuple.of(10, validQuote().map(HostileQuoteBatchesTest::object)), Tuple.of(1, leaves()));
        Arbitrary<String> quoteList = quoteOrJunk.list().ofMaxSize(6).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> quotesMember = Arbitraries.frequencyOf(
                Tuple.of(12, quoteList), Tuple.of(1, leaves()), Tuple.of(1, anyFields));
        Arbitrary<String> batch = Arbitraries.frequencyOf(
                Tuple.of(16, quotesMember.map(quotes -> "{\"quotes\":" + quotes + "}")),
                Tuple.of(1, quotesMember.map(quotes -> "{\"quotes\":" + quotes + ",\"quotes\":[]}")),
                Tuple.of(1, quotesMember),
                Tuple.of(1, Arbitraries.just("{}")));
        return Combinators.combine(batch, Arbitraries.of(true, false)).as(HostileQuoteBatchesTest::utf8).flatMap(this::sometimesBroken);
    }

    /** The members of a quote a client may well send, so that batches mix good quotes with bad ones. */
    private static Arbitrary<List<String>> validQuote() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Combinators.combine(Arbitraries.of(VALID_PAIRS), Arbitraries.of("0.00199", "0.1234", "0.58820", "12650.50", "3.2"),
                        Arbitraries.of("", "\"-0.46\"", "1.5"), Arbitraries.integers().between(1, 3000),
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
                .as((pair, rate, reported, daysAgo, desk) -> List.of("\"pair\":" + json(pair), "\"rate\":\"" + rate + "\"",
                        reported.isEmpty() ? "" : "\"reportedChangePct\":" + reported,
                        "\"asOf\":\"" + today.minusDays(daysAgo) + "\"", "\"source\":\"property-" + desk + "\""));
    }

    /**
     * A good quote with one member replaced by a hostile value: nothing else in the quote is wrong, so the value
     * reaches the very code that reads that member.
     */
    private static Arbitrary<String> oneHostileField() {
        List<Tuple.Tuple2<String, Arbitrary<String>>> hostile = List.of(Tuple.of("pair", pairs()), Tuple.of("rate", decimalValues()),
                Tuple.of("reportedChangePct", decimalValues()), Tuple.of("asOf", asOfs()), Tuple.of("source", sources()));
        return Combinators.combine(validQuote(), Arbitraries.integers().between(0, hostile.size() - 1)).flatAs((members, which) ->
                hostile.get(which).get2().map(value -> {
                    List<String> replaced = new ArrayList<>(members);
                    replaced.set(which, "\"" + hostile.get(which).get1() + "\":" + value);
                    return object(replaced);
                }));
    }

    private static String object(List<String> members) {
        return "{" + String.join(",", members.stream().filter(member -> !member.isEmpty()).toList()) + "}";
    }

    /** A member in one of the forms a client may send it, left out now and then. */
    private static Arbitrary<String> field(String name, Arbitrary<String> values) {
        return Arbitraries.frequencyOf(Tuple.of(12, values.map(v -> "\"" + name + "\":" + v)),
                Tuple.of(1, Arbitraries.just("")),
                Tuple.of(1, values.map(v -> "\"" + name + "\":null")));
    }

    private static Arbitrary<String> pairs() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(VALID_PAIRS).map(HostileQuoteBatchesTest::json)),
                Tuple.of(3, Arbitraries.of("KZT/KZT", "KZTUSD", "K/USD", "KZT/USDX", "ＵＳＤ/TJS", "\uD83D\uDCB5/USD",
                        "\uD800/USD", "TJS\u0000/USD", "XXX/YYY", "tjs/usd/eur").map(HostileQuoteBatchesTest::json)),
                Tuple.of(2, texts().map(HostileQuoteBatchesTest::json)),
                Tuple.of(1, Arbitraries.strings().withChars(" /-").withCharRange('A', 'Z').ofMaxLength(5000)
                        .map(HostileQuoteBatchesTest::json)),
                Tuple.of(1, leaves()));
    }

    private static Arbitrary<String> decimalValues() {
        Arbitrary<String> plain = Arbitraries.bigDecimals().between(new BigDecimal("-1E+15"), new BigDecimal("1E+15"))
                .ofScale(12).map(value -> value.stripTrailingZeros().toPlainString());
        // Exponents small and huge: 1E-500000000 is cheap text, but half a billion digits wherever it is expanded.
        Arbitrary<String> exponents = Combinators.combine(Arbitraries.integers().between(1, 9), Arbitraries.of("E", "e", "E+", "E-", "e-"),
                        Arbitraries.oneOf(Arbitraries.integers().between(0, 400), Arbitraries.integers().between(100_000, Integer.MAX_VALUE),
                                Arbitraries.of(500_000_000, Integer.MAX_VALUE)))
                .as((digit, e, exponent) -> digit + e + exponent);
        Arbitrary<String> longDigits = Arbitraries.strings().numeric().ofMinLength(25).ofMaxLength(90)
                .map(digits -> "1" + digits);
        Arbitrary<String> tinyOrHuge = Arbitraries.integers().between(10, 70)
                .flatMap(zeros -> Arbitraries.of("0." + "0".repeat(zeros) + "1", "1" + "0".repeat(zeros)));
        Arbitrary<String> oddForms = Arbitraries.of("0", "-0", "-0.002", "+1.5", " 1.5 ", "1.", ".5", "1,5", "1_000", "0x1F",
                "NaN", "Infinity", "-Infinity", "-100", "-99.99", "1000000", "1000000.1");
        Arbitrary<String> numberTexts = Arbitraries.oneOf(plain, longDigits, tinyOrHuge, oddForms);
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("\"0.00199\"", "\"0.1234\"", "0.58820", "\"12650.50\"", "\"0.40\"")),
                Tuple.of(4, exponents.map(HostileQuoteBatchesTest::json)),
                Tuple.of(3, exponents),
                Tuple.of(3, numberTexts.map(HostileQuoteBatchesTest::json)),
                Tuple.of(2, numberTexts),
                Tuple.of(1, texts().map(HostileQuoteBatchesTest::json)),
                Tuple.of(1, leaves()));
    }

    private static Arbitrary<String> asOfs() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Arbitrary<String> pastDates = Arbitraries.integers().between(1, 9000).map(days -> today.minusDays(days).toString());
        Arbitrary<String> futureDates = Arbitraries.integers().between(2, 400_000).map(days -> today.plusDays(days).toString());
        return Arbitraries.frequencyOf(
                Tuple.of(8, pastDates.map(HostileQuoteBatchesTest::json)),
                Tuple.of(3, futureDates.map(HostileQuoteBatchesTest::json)),
                Tuple.of(2, Arbitraries.of("2026-03-14T10:00:00+05:00", "2099-03-14", "2099-03-14T00:00:00Z",
                        "+999999999-12-31", "-999999999-01-01", "2026-02-30", "2026-03-14T25:00:00Z", "2026-03-14T10:00:00",
                        "14.03.2026", "2026-03-14T10:00:00.1234567891+05:00", "2026-03-14T10:00:00+18:00",
                        "2026-03-14T10:00:00-18:00", "").map(HostileQuoteBatchesTest::json)),
                Tuple.of(1, texts().map(HostileQuoteBatchesTest::json)),
                Tuple.of(1, leaves()));
    }

    private static Arbitrary<String> sources() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1).ofMaxLength(30)
                        .map(name -> json("property-" + name))),
                Tuple.of(3, texts().map(HostileQuoteBatchesTest::json)),
                Tuple.of(1, Arbitraries.integers().between(95, 110).map(n -> json("s".repeat(n)))),
                Tuple.of(1, leaves()));
    }

    /** Members nobody asked for: ignored when harmless, refused when they break the JSON reader's limits. */
    private static Arbitrary<String> extraMembers() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just("")),
                Tuple.of(1, leaves().map(value -> "\"extra\":" + value)),
                Tuple.of(1, deepNesting().map(value -> "\"nested\":" + value)));
    }

    /** Text with the characters that trip careless code: halves of surrogate pairs, controls, bidi overrides. */
    private static Arbitrary<String> texts() {
        Arbitrary<String> awkward = Arbitraries.of("\uD83D\uDCC8", "\uD800", "\uDC00", "\uDC00\uD800", "\uFFFF", "\uFFFE",
                        "\u202E", "\u0000", "\u001F", "\u007F", "é", "e\u0301", "\"", "\\", "/", "\u2028", "Ω")
                .list().ofMaxSize(6).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40), awkward,
                Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(10), awkward).as(String::concat));
    }

    // ---- random JSON: any value, nested to any depth up to beyond the reader's limit ----

    @Provide
    Arbitrary<byte[]> randomJson() {
        Arbitrary<String> value = Arbitraries.oneOf(leaves(), shallowContainer(3));
        Arbitrary<String> document = Arbitraries.oneOf(value, deepNesting(), hugeNumbers(),
                value.map(inner -> "{\"quotes\":" + inner + "}"), deepNesting().map(inner -> "{\"quotes\":[" + inner + "]}"));
        return Combinators.combine(document, Arbitraries.of(true, false)).as(HostileQuoteBatchesTest::utf8).flatMap(this::sometimesBroken);
    }

    private static Arbitrary<String> shallowContainer(int depth) {
        Arbitrary<String> inner = depth <= 1 ? leaves() : Arbitraries.oneOf(leaves(), shallowContainer(depth - 1));
        Arbitrary<String> array = inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(
                        Arbitraries.oneOf(Arbitraries.of("quotes", "pair", "rate", "asOf", "source", ""), texts()), inner)
                .as((key, item) -> json(key) + ":" + item)
                .list().ofMaxSize(4).map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.oneOf(array, object);
    }

    /** Arrays and objects nested up to twice the reader's limit of 32. */
    private static Arbitrary<String> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 64), Arbitraries.of("[", "{\"quotes\":"), leaves())
                .as((depth, opening, leaf) -> opening.repeat(depth) + leaf + (opening.equals("[") ? "]" : "}").repeat(depth));
    }

    private static Arbitrary<String> hugeNumbers() {
        return Arbitraries.integers().between(60, 5000).map(digits -> "{\"quotes\":[{\"pair\":\"TJS/USD\",\"rate\":1"
                + "0".repeat(digits) + ",\"asOf\":\"2026-03-02\",\"source\":\"property-huge\"}]}");
    }

    private static Arbitrary<String> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-0", "1e999999999", "-1E-500000000", "1.0E+2147483647",
                        "123456789012345678901234567890123456789", "\"\"", "[]", "{}"),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(text -> !text.contains("N") && !text.contains("I")),
                texts().map(HostileQuoteBatchesTest::json));
    }

    // ---- writing bodies ----

    /** A JSON string of any text: ASCII as it is, anything else escaped, so halves of surrogate pairs survive. */
    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7F) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    /**
     * The body as UTF-8; with {@code rawUnicode}, escaped characters that UTF-8 can carry (whole surrogate pairs
     * included) are sent as themselves, halves of pairs and controls stay escaped.
     */
    private static byte[] utf8(String body, boolean rawUnicode) {
        if (!rawUnicode) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder raw = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = escapedAt(body, i);
            if (c == 0) {
                raw.append(body.charAt(i));
                i++;
            } else if (Character.isHighSurrogate(c) && Character.isLowSurrogate(escapedAt(body, i + 6))) {
                raw.append(c).append(escapedAt(body, i + 6));
                i += 12;
            } else if (c >= 0x20 && c != '"' && !Character.isSurrogate(c)) {
                raw.append(c);
                i += 6;
            } else {
                raw.append(body, i, i + 6);
                i += 6;
            }
        }
        return raw.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The character of a {@code \\uXXXX} escape at {@code at} (as {@link #json} writes them), or 0 when there is none. */
    private static char escapedAt(String body, int at) {
        if (at + 6 > body.length() || body.charAt(at) != '\\' || body.charAt(at + 1) != 'u'
                || (at > 0 && body.charAt(at - 1) == '\\')) {
            return 0;
        }
        try {
            return (char) Integer.parseInt(body, at + 2, at + 6, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Now and then a byte that is not UTF-8 at all. */
    private Arbitrary<byte[]> sometimesBroken(byte[] body) {
        if (body.length == 0) {
            return Arbitraries.just(body);
        }
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(body)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, body.length - 1),
                        Arbitraries.of((byte) 0xFF, (byte) 0xC0, (byte) 0x80, (byte) 0xED)).as((at, bad) -> {
                    byte[] broken = body.clone();
                    broken[at] = bad;
                    return broken;
                })));
    }

    /**
     * {@code count} valid quotes of distinct as-of dates, padded with spaces to exactly {@code size} bytes (or just
     * the quotes, when they alone are larger).
     */
    private static byte[] paddedBatch(int count, int size) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder body = new StringBuilder("{\"quotes\":[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"pair\":\"TJS/USD\",\"rate\":\"0.0").append(9000 + i % 1000)
                    .append("\",\"asOf\":\"").append(today.minusDays(1 + i)).append("\",\"source\":\"property-limit\"}");
        }
        body.append("]");
        int padding = size - body.length() - 1;
        body.append(" ".repeat(Math.max(0, padding))).append('}');
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}

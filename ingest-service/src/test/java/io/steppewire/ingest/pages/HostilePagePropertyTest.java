package io.steppewire.ingest.pages;

import io.steppewire.ingest.support.IngestServiceTest;
import io.steppewire.ingest.support.Pages;
import io.steppewire.ingest.support.TestKeys;
import io.steppewire.ingest.support.TopicOffsets;
import io.steppewire.platform.testing.RawHttp;
import io.steppewire.platform.testing.RawHttp.Answer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContextManager;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and hostile bodies at {@code POST /api/pages} on the real server, with the admin key: random bytes, invalid
 * UTF-8, control, bidi and zero-width characters, huge lines, garbled tickers, wrong content types, hostile sources
 * and future dates. Whatever comes: never a 5xx, never more than 2 s, and after every 4xx the topics' end offsets are
 * where they were (nothing published, not even an aborted transaction).
 * <p>
 * jqwik runs outside Spring's JUnit extension, so the context is taken from Spring's test context cache: the same
 * {@link IngestServiceTest} configuration as every other test class, hence the same running service.
 */
@IngestServiceTest
class HostilePagePropertyTest {

    private static final Duration BUDGET = Duration.ofSeconds(2);
    private static final String FRONT_PAGE = Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE);

    private static int port;
    private static TopicOffsets offsets;

    @BeforeContainer
    static void reachTheService() {
        ApplicationContext context = new TestContextManager(HostilePagePropertyTest.class).getTestContext()
                .getApplicationContext();
        port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        offsets = new TopicOffsets(context.getEnvironment().getRequiredProperty("spring.embedded.kafka.brokers"));
    }

    @AfterContainer
    static void closeOffsets() {
        offsets.close();
    }

    @Property(tries = 250)
    void anyBodyIsAnsweredInTimeWithoutServerErrorAndRefusalsPublishNothing(
            @ForAll("hostileBodies") byte[] body, @ForAll("contentTypes") String contentType,
            @ForAll("sources") String source, @ForAll boolean dryRun) throws IOException {
        post(body, contentType, source, dryRun);
    }

    @Property(tries = 6)
    void hugeLinesAndManyLinesAreAnsweredInTime(@ForAll("hugeBodies") byte[] body, @ForAll boolean dryRun)
            throws IOException {
        post(body, "text/plain; charset=utf-8", "huge", dryRun);
    }

    @Property(tries = 40)
    void aPageDatedAfterTodayAtUtcPlus14IsRefusedAndPublishesNothing(@ForAll("futureDates") LocalDate date,
                                                                      @ForAll boolean dryRun) throws IOException {
        String dateLine = date.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));
        byte[] page = FRONT_PAGE.replace("14 March 2026", dateLine).getBytes(StandardCharsets.UTF_8);
        Answer answer = post(page, "text/plain; charset=utf-8", "future", dryRun);
        assertThat(answer.status()).as(dateLine).isEqualTo(422);
        assertThat(answer.body()).contains("\"reason\":\"future_date\"");
    }

    /** Sends one body and checks the three promises; returns the answer for further checks. */
    private static Answer post(byte[] body, String contentType, String source, boolean dryRun) throws IOException {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Api-Key", TestKeys.ADMIN);
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        String path = "/api/pages?source=" + URLEncoder.encode(source, StandardCharsets.UTF_8) + "&dryRun=" + dryRun;
        Map<TopicPartition, Long> before = offsets.settled();

        long start = System.nanoTime();
        Answer answer = RawHttp.send(port, "POST", path, headers, body);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        String what = answer.status() + " " + abbreviate(answer.body());
        assertThat(answer.status()).as(what).isLessThan(500);
        assertThat(took).as(what).isLessThan(BUDGET);
        if (answer.status() >= 400) {
            assertThat(answer.header("content-type")).as(what).startsWith("application/problem+json");
            assertThat(offsets.now()).as("end offsets after " + what).isEqualTo(before);
        }
        return answer;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    @Provide
    Arbitrary<byte[]> hostileBodies() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(4_000),
                hostileText().map(text -> text.getBytes(StandardCharsets.UTF_8)),
                hostileText().flatMap(text -> brokenUtf8(text.getBytes(StandardCharsets.UTF_8))));
    }

    /** Page-like lines mixed with characters that confuse parsers and people: controls, bidi, zero-width. */
    private static Arbitrary<String> hostileText() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of(FRONT_PAGE.lines().toList()),
                Arbitraries.of("", " ", "\u00a0", "\u200b", "\ufeff", "\u202eEgassem Nedih", "\u2066Isolated\u2069",
                        "A\u200dB\u200cC Title \u200fWith Marks", "14 March 2026", "31 February 2026",
                        "• KZT/USD = 1E-500000000 0%", "• KZT/USD = " + "9".repeat(70) + " 1%",
                        "• USD/KZT = 0.0001 0%", "• USD/KZT = 500 -100%", "Image: \u0000\u0007",
                        "Almaty Opens a Library in an Old Tram Depot", "ALMATY – It opened.", "\t\u000b\f"),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(40),
                Arbitraries.strings().withChars("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                        + "\u2066\u2067\u2068\u2069\ufeff\u00a0 Aa.:;•=%/").ofMaxLength(60),
                Arbitraries.strings().all().ofMaxLength(200));
        Arbitrary<String> separator = Arbitraries.of("\n", "\r\n", "\r", "\n\n", "\u2028", "\u0085");
        return Combinators.combine(line.list().ofMaxSize(80), separator).as((lines, sep) -> String.join(sep, lines));
    }

    /** Invalid UTF-8 spliced into otherwise good text: lone continuation bytes, overlong forms, encoded surrogates. */
    private static Arbitrary<byte[]> brokenUtf8(byte[] good) {
        Arbitrary<byte[]> bad = Arbitraries.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xc0, (byte) 0xaf},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xff},
                new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xe2, (byte) 0x82});
        return Combinators.combine(Arbitraries.integers().between(0, good.length), bad).as((at, insert) -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(good, 0, at);
            out.writeBytes(insert);
            out.write(good, at, good.length - at);
            return out.toByteArray();
        });
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("text/plain; charset=utf-8")),
                Tuple.of(1, Arbitraries.of("", "text/plain", "text/plain; charset=ISO-8859-1",
                        "application/json", "text/html", "application/octet-stream", "multipart/form-data; boundary=x",
                        "application/x-www-form-urlencoded", "text/plain; charset=\"utf-8\"; q=\u00ff", "*/*",
                        "text/plain; charset=utf-16")));
    }

    @Provide
    Arbitrary<String> sources() {
        return Arbitraries.oneOf(Arbitraries.of("steppe-daily", "hostile"),
                Arbitraries.strings().all().ofMaxLength(120),
                Arbitraries.strings().withChars("a-Z._/\\%;").ofMaxLength(120));
    }

    @Provide
    Arbitrary<byte[]> hugeBodies() {
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.integers().between(1_000_000, 5_000_000).map(n -> "A".repeat(n)),
                Arbitraries.integers().between(100_000, 2_000_000).map(n -> "Title Case Line\n\n" + "word ".repeat(n / 5)),
                Arbitraries.integers().between(60_000, 1_700_000).map(n -> "\u00a0\n".repeat(n)),
                Arbitraries.integers().between(10_000, 49_000).map(HostilePagePropertyTest::manyArticles),
                Arbitraries.integers().between(60_000, 1_300_000).map(n -> "\u200b\n".repeat(n)));
        return body.map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    /** As many distinct short articles as fit in the given number of lines. */
    private static String manyArticles(int lines) {
        StringBuilder page = new StringBuilder("14 March 2026\n\n");
        for (int i = 0; i < lines / 4; i++) {
            page.append("Report Number ").append(i).append(" From Almaty\n\nALMATY – Item ").append(i).append(".\n\n");
        }
        return page.toString();
    }

    @Provide
    Arbitrary<LocalDate> futureDates() {
        LocalDate tomorrowAtUtcPlus14 = LocalDate.now(ZoneOffset.ofHours(14)).plusDays(1);
        return Arbitraries.oneOf(Arbitraries.just(tomorrowAtUtcPlus14),
                Arbitraries.longs().between(0, 2_900_000).map(tomorrowAtUtcPlus14::plusDays));
    }
}

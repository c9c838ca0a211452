package io.steppewire.ingest.pages;

import io.steppewire.ingest.support.HeldUpload;
import io.steppewire.ingest.support.IngestServiceTest;
import io.steppewire.ingest.support.Pages;
import io.steppewire.ingest.support.TestKeys;
import io.steppewire.ingest.support.TopicOffsets;
import io.steppewire.platform.testing.RawHttp;
import io.steppewire.platform.testing.RawHttp.Answer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one page, or many at once, may cost: the body limit, the line limit and the concurrency bound, each tried
 * on the real server the way a simple client sends (the whole body before reading the answer).
 */
@IngestServiceTest
class PageLimitsTest {

    private static final int FIVE_MB = 5 * 1024 * 1024;

    @LocalServerPort
    private int port;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Autowired
    private PageIngestSlots slots;

    private TopicOffsets offsets;

    @BeforeEach
    void openOffsets() {
        offsets = new TopicOffsets(brokers);
    }

    @AfterEach
    void closeOffsets() {
        offsets.close();
    }

    @Test
    void answersAReadable413ToAClientThatSendsTheWholeSixMegabytePage() throws IOException {
        byte[] sixMb = pageOfSize(6 * 1024 * 1024);
        Map<TopicPartition, Long> before = offsets.settled();

        Answer keptAlive = post("/api/pages?source=too-large", adminText(), sixMb);
        // Python's urllib asks to close the connection after the answer; the 413 must still arrive.
        Map<String, String> closing = new HashMap<>(adminText());
        closing.put("Connection", "close");
        Answer closed = post("/api/pages?source=too-large", closing, sixMb);

        for (Answer answer : List.of(keptAlive, closed)) {
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.header("content-type")).startsWith("application/problem+json");
            assertThat(answer.body()).contains("5 MB");
        }
        assertThat(offsets.now()).isEqualTo(before);
    }

    @Test
    void acceptsAPageJustUnderTheBodyLimit() throws IOException {
        Answer answer = post("/api/pages?source=five-mb&dryRun=true", adminText(), pageOfSize(FIVE_MB));
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void refusesFiveMegabytesOfNonBreakingSpaceLinesQuicklyWithoutParsingThem() throws IOException {
        byte[] body = "\u00a0\n".repeat(FIVE_MB / 3).getBytes(StandardCharsets.UTF_8);
        Map<TopicPartition, Long> before = offsets.settled();

        long start = System.nanoTime();
        Answer answer = post("/api/pages?source=nbsp", adminText(), body);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("\"reason\":\"too_many_lines\"", "1747626 lines", "max-page-lines");
        assertThat(offsets.now()).isEqualTo(before);
    }

    @Test
    void refusesFiveMegabytesOfLineBreaksAsAnEmptyPage() throws IOException {
        Answer answer = post("/api/pages?source=newlines", adminText(), "\n".repeat(FIVE_MB).getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"reason\":\"empty\"");
    }

    @Test
    void refusesMillionsOfTinyLines() throws IOException {
        Answer answer = post("/api/pages?source=tiny", adminText(), "a\n".repeat(FIVE_MB / 2).getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("\"reason\":\"too_many_lines\"");
    }

    @Test
    void explainsOneEnormousLineInTime() throws IOException {
        byte[] oneLine = "a".repeat(FIVE_MB - 1).getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Answer answer = post("/api/pages?source=one-line", adminText(), oneLine);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("\"reason\":\"no_article\"");
    }

    @Test
    void publishesAPageOfAsManyArticlesAsAllowedInTimeAndRefusesOneMore() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        Answer full = post("/api/pages?source=many-" + run, adminText(), articles(1_000, run));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(full.status()).isEqualTo(202);

        Map<TopicPartition, Long> before = offsets.settled();
        Answer tooMany = post("/api/pages?source=too-many-" + run, adminText(), articles(1_001, run));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body()).contains("\"reason\":\"too_many_articles\"", "1001 articles");
        assertThat(offsets.now()).isEqualTo(before);
    }

    @Test
    void answersTooManyRequestsWhileEveryPageSlotIsTakenAndPublishesNothing() throws IOException {
        byte[] page = Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE).getBytes(StandardCharsets.UTF_8);
        List<HeldUpload> held = new ArrayList<>();
        try {
            for (int i = 0; i < slots.capacity(); i++) {
                held.add(HeldUpload.start(port, "/api/pages?source=held-" + i + "&dryRun=true", adminText(), page,
                        page.length / 2));
            }
            // Each held request has claimed its slot and waits for the rest of its body.
            await().atMost(Duration.ofSeconds(10)).until(() -> slots.inFlight() == slots.capacity());
            Map<TopicPartition, Long> before = offsets.settled();

            Answer busy = post("/api/pages?source=one-too-many", adminText(), page);

            assertThat(busy.status()).isEqualTo(429);
            assertThat(busy.header("retry-after")).isEqualTo(PageIngestSlots.RETRY_AFTER_SECONDS);
            assertThat(busy.header("content-type")).startsWith("application/problem+json");
            assertThat(busy.body()).contains("\"reason\":\"busy\"", "max-concurrent-pages");
            assertThat(offsets.now()).isEqualTo(before);
            for (HeldUpload upload : held) {
                assertThat(upload.finish()).isEqualTo(200);
            }
        } finally {
            for (HeldUpload upload : held) {
                upload.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> slots.inFlight() == 0);
        assertThat(post("/api/pages?source=after-the-rush&dryRun=true", adminText(), page).status()).isEqualTo(200);
    }

    private Answer post(String path, Map<String, String> headers, byte[] body) throws IOException {
        return RawHttp.send(port, "POST", path, headers, body);
    }

    private static Map<String, String> adminText() {
        return Map.of("X-Api-Key", TestKeys.ADMIN, "Content-Type", "text/plain; charset=utf-8");
    }

    private static byte[] articles(int count, String run) {
        StringBuilder page = new StringBuilder("14 March 2026\n\n");
        for (int i = 1; i <= count; i++) {
            page.append("Report Number ").append(i).append(" From Almaty ").append(run)
                    .append("\n\nALMATY – Item ").append(i).append(".\n\n");
        }
        return page.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The front page, padded with a long final paragraph to the given size. */
    private static byte[] pageOfSize(int size) {
        byte[] page = Pages.read(Pages.STEPPE_DAILY_FRONT_PAGE).getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(page, size);
        Arrays.fill(padded, page.length, size, (byte) 'a');
        padded[page.length] = '\n';
        return padded;
    }
}

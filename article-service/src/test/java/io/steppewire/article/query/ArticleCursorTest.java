package io.steppewire.article.query;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ArticleCursorTest {

    private static final ArticleCursor AFTER_MARCH_14 =
            new ArticleCursor(null, LocalDate.parse("2026-03-14"), Instant.parse("2026-03-14T06:00:00Z"), "m");

    @Test
    void travelsAsOpaqueTextAndComesBackUnchanged() {
        ArticleCursor ranked = new ArticleCursor(3.25, LocalDate.parse("2026-03-14"), Instant.parse("2026-03-14T06:00:00.123Z"), "abc");

        assertThat(ArticleCursor.decode(ranked.encode())).isEqualTo(ranked);
        assertThat(ArticleCursor.decode(AFTER_MARCH_14.encode())).isEqualTo(AFTER_MARCH_14);
        assertThat(ranked.encode()).doesNotContain("2026");
    }

    @Test
    void placesOlderDatesLaterSeenTimesAndLowerIdsAfterTheCursor() {
        assertThat(AFTER_MARCH_14.precedesByDate(LocalDate.parse("2026-03-13"), Instant.parse("2026-03-15T00:00:00Z"), "z")).isTrue();
        assertThat(AFTER_MARCH_14.precedesByDate(LocalDate.parse("2026-03-14"), Instant.parse("2026-03-14T05:00:00Z"), "z")).isTrue();
        assertThat(AFTER_MARCH_14.precedesByDate(LocalDate.parse("2026-03-14"), Instant.parse("2026-03-14T06:00:00Z"), "a")).isTrue();
        assertThat(AFTER_MARCH_14.precedesByDate(LocalDate.parse("2026-03-14"), Instant.parse("2026-03-14T06:00:00Z"), "m")).isFalse();
        assertThat(AFTER_MARCH_14.precedesByDate(LocalDate.parse("2026-03-15"), Instant.parse("2026-03-14T00:00:00Z"), "a")).isFalse();
    }

    @Test
    void placesLowerScoresAfterARankedCursor() {
        ArticleCursor ranked = new ArticleCursor(2.0, LocalDate.parse("2026-03-14"), Instant.parse("2026-03-14T06:00:00Z"), "m");

        assertThat(ranked.precedesByRelevance(1.5, LocalDate.parse("2026-03-20"), Instant.parse("2026-03-20T00:00:00Z"), "z")).isTrue();
        assertThat(ranked.precedesByRelevance(2.5, LocalDate.parse("2026-03-01"), Instant.parse("2026-03-01T00:00:00Z"), "a")).isFalse();
    }

    @Test
    void refusesTextNoAnswerProduced() {
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleCursor.decode("bm90LWEtY3Vyc29y"))
                .withMessageContaining("nextCursor");
        assertThatIllegalArgumentException().isThrownBy(() -> ArticleCursor.decode("%%%"))
                .withMessageContaining("nextCursor");
    }
}

package io.steppewire.article.search;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TermEntryTest {

    @Test
    void readsBackEveryEntryOfATextInOrderWhateverTheIdHolds() {
        List<TermEntry> written = List.of(
                new TermEntry("3f2a9c0d1e4b5a6978877665544332211", 1_773_468_000_123L, LocalDate.parse("2026-03-14"),
                        Instant.parse("2026-03-14T06:00:00.123Z"), 182, 3, true),
                new TermEntry("odd,id:with 9,commas", 0L, LocalDate.parse("1969-12-31"),
                        Instant.parse("1969-12-31T23:59:59.999Z"), 1, 1, false));
        StringBuilder text = new StringBuilder();
        written.forEach(entry -> entry.appendTo(text));

        List<TermEntry> read = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        TermEntry.Reader reader = new TermEntry.Reader(text.toString());
        while (reader.next()) {
            ids.add(reader.articleId() + "@" + reader.version());
            read.add(TermEntry.at(text.toString(), reader.position()));
        }

        assertThat(read).containsExactlyElementsOf(written);
        assertThat(ids).containsExactly(written.get(0).articleId() + "@1773468000123", "odd,id:with 9,commas@0");
    }

    @Test
    void refusesTextThatNoEntryWrote() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TermEntry.Reader("not entries").next());
        assertThatIllegalArgumentException().isThrownBy(() -> TermEntry.at("1,a", 0));
    }
}

package io.steppewire.article.articles;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class StoryMembersTest {

    @Test
    void readsBackAnyIdAndSourceItWrote() {
        for (String[] idAndSource : new String[][]{{"ab".repeat(16), "steppe-daily"}, {"id,with,commas", "source, with, commas"},
                {"1", ""}, {"ünï", "🙂|x"}}) {
            StoryMembers.Member member = new StoryMembers.Member(idAndSource[0], 1_773_475_200_123L, LocalDate.parse("2026-03-14"),
                    Instant.parse("2026-03-14T06:00:00.123Z"), idAndSource[1]);

            assertThat(StoryMembers.Member.decode(member.encode())).isEqualTo(member);
        }
    }
}

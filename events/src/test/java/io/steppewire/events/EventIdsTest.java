package io.steppewire.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    @Test
    void theSameStoryRenderedWithOtherQuotesAndSpacingHasOneId() {
        String typographic = EventIds.article("steppe-daily", "Letter From Aral: A Sea That Keeps Shrinking",
                "The bus from Kyzylorda drops you at the harbor master’s office – still standing.");
        String plain = EventIds.article("steppe-daily", "letter from aral:  a sea that keeps shrinking ",
                "The bus from Kyzylorda drops you at the harbor master's office - still standing.");

        assertThat(typographic).isEqualTo(plain).matches("[0-9a-f]{32}");
    }

    @Test
    void theSameTitleFromAnotherSourceOrWithAnotherLedeIsAnotherArticle() {
        String original = EventIds.article("steppe-daily", "Harvest Begins", "Farmers in Chui began the harvest.");

        assertThat(EventIds.article("aral-times", "Harvest Begins", "Farmers in Chui began the harvest."))
                .isNotEqualTo(original);
        assertThat(EventIds.article("steppe-daily", "Harvest Begins", "Farmers in Fergana began the harvest."))
                .isNotEqualTo(original);
    }

    @Test
    void partsCannotBeShiftedIntoEachOther() {
        assertThat(EventIds.of("ab", "c")).isNotEqualTo(EventIds.of("a", "bc"));
    }

    @Test
    void alertIdIsOnePerSubscriptionAndEvent() {
        assertThat(EventIds.alert("sub-1", "evt-1")).isEqualTo(EventIds.alert("sub-1", "evt-1"))
                .isNotEqualTo(EventIds.alert("sub-2", "evt-1"));
    }
}

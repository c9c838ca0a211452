package io.steppewire.article.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationTest {

    private static final List<String> BASES = List.of("articles", "article_terms", "rate_latest");

    @Test
    void namesTheOriginalCollectionsAsEarlierVersionsDidAndLaterOnesWithTheirNumber() {
        assertThat(Generation.ORIGINAL.collection("articles")).isEqualTo("articles");
        assertThat(new Generation(12).collection("article_terms")).isEqualTo("article_terms_g12");
        assertThatThrownBy(() -> new Generation(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tellsWhichGenerationACollectionOfTheProjectionBelongsTo() {
        assertThat(Generation.of("articles", BASES)).contains(Generation.ORIGINAL);
        assertThat(Generation.of("article_terms_g12", BASES)).contains(new Generation(12));
        assertThat(Generation.of("rate_latest_g3", BASES)).contains(new Generation(3));
        assertThat(Generation.of("projection_generations", BASES)).isEmpty();
        assertThat(Generation.of("article_terms_gx", BASES)).isEmpty();
        assertThat(Generation.of("recent_articles_g3", BASES)).isEmpty();
        assertThat(Generation.of("articles_g99999999999999999999", BASES)).isEmpty();
    }
}

package io.steppewire.ingest.extraction;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLdTest {

    @Test
    void findsTheArticleNodeInsideAGraphBesideWebPageAndBreadcrumbs() {
        String block = """
                {"@context": "https://schema.org", "@graph": [
                  {"@type": "WebPage", "name": "Page title - Site", "datePublished": "2026-01-01T00:00:00Z"},
                  {"@type": "BreadcrumbList", "itemListElement": []},
                  {"@type": ["NewsArticle", "Thing"], "headline": "The Headline", "datePublished": "2026-03-14T09:30:00Z",
                   "author": [{"@type": "Person", "name": "A. One"}, {"@type": "Person", "name": "B. Two"},
                              {"@type": "Person", "name": "C. Three"}],
                   "inLanguage": {"@type": "Language", "alternateName": "kk"}, "publisher": {"name": "Site"}}
                ]}""";

        JsonLd.Facts facts = JsonLd.facts(List.of(block));

        assertThat(facts).isEqualTo(new JsonLd.Facts("The Headline", "2026-03-14T09:30:00Z", "A. One, B. Two and C. Three",
                "kk", "Site"));
    }

    @Test
    void readsBlocksWrappedInCommentsOrCdataWithTrailingCommasAndEscapes() {
        String block = "<!--{\"@type\": \"BlogPosting\", \"headline\": \"Caf\\u00e9 \\\"Aral\\\"\", \"author\": \"Dana\",}-->";

        assertThat(JsonLd.facts(List.of(block)).headline()).isEqualTo("Café \"Aral\"");
        assertThat(JsonLd.read("<![CDATA[[1, 2, 3,]]]>")).isEqualTo(List.of("1", "2", "3"));
    }

    @Test
    void givesUpQuietlyOnBrokenOrHostileBlocks() {
        assertThat(JsonLd.read("{\"headline\": ")).isNull();
        assertThat(JsonLd.read("not json at all")).isNull();
        assertThat(JsonLd.read("[".repeat(10_000))).isNull();
        assertThat(JsonLd.facts(List.of("{\"headline\": \"x\"", "{}")).headline()).isNull();
    }
}

package io.steppewire.ingest.tagging;

import io.steppewire.ingest.taxonomy.TaxonomyReader;
import io.steppewire.events.article.TagScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaggerTest {

    private static final Tagger BUNDLED = new Tagger(bundled());

    private static Taxonomy bundled() {
        try (InputStream in = TaggerTest.class.getClassLoader().getResourceAsStream("taxonomy/taxonomy.yaml")) {
            return TaxonomyReader.read(in, "bundled");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Tagger tagger(String yaml) {
        return new Tagger(TaxonomyReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test"));
    }

    @Test
    void tagsTheSolarParkInUzbekistanAsEnergy() {
        ArticleTags tags = BUNDLED.tag("Uzbekistan Switches On Its Largest Solar Park Near Bukhara",
                List.of("TASHKENT – A 500-megawatt solar park outside Bukhara began feeding the national grid."));
        assertThat(tags.countries()).startsWith("UZ");
        assertThat(tags.topics()).contains("energy");
    }

    @Test
    void tagsKazakhstansOilVentureWithACurlyApostrophe() {
        ArticleTags tags = BUNDLED.tag("Tengizchevroil Reports Record Output as Oil Prices Slip",
                List.of("ATYRAU – Kazakhstan’s largest oil venture pumped a record volume in February."));
        assertThat(tags.countries()).containsExactly("KZ");
        assertThat(tags.topics()).contains("energy");
        assertThat(tags.entities()).contains("Tengizchevroil");
    }

    @ParameterizedTest(name = "U+{0}")
    @MethodSource("io.steppewire.ingest.text.UnicodeSpacesTest#unicodeSpaces")
    void matchesTermsOfSeveralWordsAcrossUnicodeSpaces(char space) {
        ArticleTags tags = BUNDLED.tag("Wind Farm Deal Signed in New Delhi".replace(' ', space),
                List.of("The new wind farm near Almaty will sell power to India.".replace(' ', space)));
        assertThat(tags.countries()).contains("IN", "KZ");
        assertThat(tags.topics()).contains("energy").doesNotContain("agriculture");
        assertThat(tags.scores()).filteredOn(s -> s.value().equals("IN")).extracting(TagScore::score)
                .containsExactly(BUNDLED.tag("Wind Farm Deal Signed in New Delhi",
                        List.of("The new wind farm near Almaty will sell power to India.")).scores().stream()
                        .filter(s -> s.value().equals("IN")).findFirst().orElseThrow().score());
    }

    @Test
    void matchesPossessivesWithBothApostrophes() {
        Tagger tagger = tagger("countries: [{code: KZ, terms: [Kazakhstan]}]");
        assertThat(tagger.tag("Kazakhstan's Grain", List.of()).countries()).containsExactly("KZ");
        assertThat(tagger.tag("Kazakhstan’s Grain", List.of()).countries()).containsExactly("KZ");
    }

    @Test
    void doesNotTagTheUnInsideUnesco() {
        Tagger tagger = tagger("""
                entities:
                  - {name: United Nations, terms: [United Nations, UN]}
                  - {name: UNESCO}
                """);
        ArticleTags unesco = tagger.tag("UNESCO Lists a Caravanserai", List.of("The UNESCO committee met in Paris."));
        assertThat(unesco.entities()).containsExactly("UNESCO");
        ArticleTags un = tagger.tag("UN Envoy Visits Dushanbe", List.of());
        assertThat(un.entities()).containsExactly("United Nations");
    }

    @Test
    void respectsWordBoundariesAndTheCaseOfNames() {
        Tagger tagger = tagger("""
                countries: [{code: TR, terms: [Turkey]}, {code: KG, terms: [Kyrgyz]}]
                entities: [{name: United Nations, terms: [UN]}]
                """);
        assertThat(tagger.tag("A Roast turkey for the Holidays", List.of("unusual and un-American")).scores()).isEmpty();
        assertThat(tagger.tag("Kyrgyzstani Pop", List.of()).countries()).isEmpty();
        assertThat(tagger.tag("BISHKEK Notes", List.of("KYRGYZ herders moved early.")).countries())
                .containsExactly("KG");
    }

    @Test
    void matchesLowerCaseTermsInAnyCaseAndInThePlural() {
        Tagger tagger = tagger("topics: [{slug: energy, terms: [pipeline]}]");
        assertThat(tagger.tag("Pipeline Opens", List.of()).topics()).containsExactly("energy");
        assertThat(tagger.tag("Two New Pipelines", List.of()).topics()).containsExactly("energy");
        assertThat(tagger.tag("Pipelined Work", List.of()).topics()).isEmpty();
    }

    @Test
    void scoresATitleMentionAboveABodyMentionAndRepetitionHigherStill() {
        Tagger tagger = tagger("topics: [{slug: energy, terms: [oil]}, {slug: agriculture, terms: [wheat]}]");
        ArticleTags tags = tagger.tag("Oil Output Rises", List.of("A lede.", "Some wheat was sold.", "More oil came."));
        assertThat(tags.topics()).containsExactly("energy", "agriculture");
        TagScore energy = tags.scores().getFirst();
        TagScore agriculture = tags.scores().get(1);
        assertThat(energy.score()).isGreaterThan(agriculture.score());
        assertThat(energy.score()).isLessThanOrEqualTo(1.0);
        assertThat(agriculture.score()).isGreaterThan(0.0);
        double once = tagger.tag("Oil Output Rises", List.of()).scores().getFirst().score();
        assertThat(energy.score()).isGreaterThan(once);
    }

    @Test
    void letsTheLongestTopicTermWin() {
        Tagger tagger = tagger("topics: [{slug: energy, terms: [wind farm]}, {slug: agriculture, terms: [farm]}]");
        assertThat(tagger.tag("Samarkand Wind Farm Opens", List.of()).topics()).containsExactly("energy");
        assertThat(tagger.tag("A Farm Near the Wind Farm", List.of()).topics())
                .containsExactlyInAnyOrder("energy", "agriculture");
    }

    @Test
    void keepsACountryNamedInsideALongerName() {
        ArticleTags tags = BUNDLED.tag("Central Bank of Uzbekistan Holds Rates", List.of());
        assertThat(tags.countries()).containsExactly("UZ");
        assertThat(tags.entities()).containsExactly("Central Bank of Uzbekistan");
        assertThat(tags.topics()).containsExactly("finance");
    }

    @Test
    void tagsCountriesThroughDemonymsAndCities() {
        assertThat(BUNDLED.tag("Kyrgyz Herders Move Early", List.of()).countries()).containsExactly("KG");
        assertThat(BUNDLED.tag("A Tajik Choir Tours", List.of()).countries()).containsExactly("TJ");
        assertThat(BUNDLED.tag("Turkmen Carpets at Auction", List.of()).countries()).containsExactly("TM");
        assertThat(BUNDLED.tag("Kazakhstani Students Abroad", List.of()).countries()).containsExactly("KZ");
        assertThat(BUNDLED.tag("Snow Falls in Samarkand", List.of()).countries()).containsExactly("UZ");
    }
}

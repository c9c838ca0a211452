package io.steppewire.ingest.tagging;

import io.steppewire.events.article.TagScore;
import io.steppewire.ingest.taxonomy.TaxonomyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Country tagging over the curated taxonomy with every ISO 3166-1 country of the world-countries data set under it,
 * as the service runs it by default.
 */
class CountryTaggingTest {

    private static final Taxonomy CURATED = resource("taxonomy/taxonomy.yaml");
    private static final Taxonomy WORLD = resource("taxonomy/world-countries.yaml");
    private static final Tagger TAGGER = new Tagger(CURATED.withCountriesFrom(WORLD));

    static Stream<TaxonomyEntry> everyCountry() {
        return TAGGER.taxonomy().entries().stream().filter(e -> e.kind() == TagKind.COUNTRY);
    }

    static Stream<Arguments> everyCountryByCode() {
        return everyCountry().map(e -> Arguments.of(e.value(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCountryByCode")
    void tagsAidFromEveryCountryAsReliablyAsAidFromANeighbour(String code, TaxonomyEntry country) {
        double neighbour = score(aidStory("Kazakhstan", "Kazakh", "Astana", "Kyrgyzstan", "Bishkek"), "KZ");

        String name = country.ambiguous().isEmpty() ? country.terms().getFirst() : country.ambiguous().getFirst();
        ArticleTags tags = code.equals("KG")
                ? aidStory(name, country.terms().getLast(), country.terms().getFirst(), "Tajikistan", "Dushanbe")
                : aidStory(name, country.terms().getLast(), country.terms().getFirst(), "Kyrgyzstan", "Bishkek");

        assertThat(tags.countries()).first().isEqualTo(country.value());
        assertThat(score(tags, country.value())).isEqualTo(neighbour);
    }

    @Test
    void coversEveryIsoCountryWithTheCuratedEntriesWinning() {
        List<String> codes = everyCountry().map(TaxonomyEntry::value).toList();
        assertThat(codes).hasSizeGreaterThanOrEqualTo(249).doesNotHaveDuplicates()
                .contains("BR", "JP", "NZ", "ZA", "IS", "FJ", "AQ", "KZ", "UZ");
        TaxonomyEntry kazakhstan = everyCountry().filter(e -> e.value().equals("KZ")).findFirst().orElseThrow();
        assertThat(kazakhstan.terms()).contains("Almaty", "Baikonur", "Kashagan");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Jordan Scores 40 as the Bulls Win Again | The guard hit nine threes in Chicago on Sunday night.",
            "Chad Johnson Signs a One-Year Deal | The receiver joins his fourth club in three seasons.",
            "Georgia Voters Return to the Polls | Turnout in Atlanta was higher than in the spring primary.",
            "Turkey Prices Rise Before Thanksgiving | Farmers blame feed costs for the dearest birds in years.",
            "Victoria Wins Her Third Title | The champion came back from a set down."})
    void doesNotTagACountryFromAWordWithAnotherMeaningAlone(String title, String lede) {
        assertThat(TAGGER.tag(title, List.of(lede)).countries()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "JO | Jordan Sends a Field Hospital to Tajikistan | Jordanian army doctors landed in Dushanbe on Monday.",
            "TD | Chad Sends Grain to Flood-Hit Kyrgyzstan | The shipment left N'Djamena by air on Friday.",
            "GE | Georgia Opens a Trade Office in Almaty | Officials in Tbilisi expect exports to double.",
            "TR | Turkey Pledges Aid After the Earthquake | Ankara will send 200 rescuers and field kitchens."})
    void tagsTheCountryWhenTheArticleAlsoNamesItPlainly(String code, String title, String lede) {
        ArticleTags tags = TAGGER.tag(title, List.of(lede));

        assertThat(tags.countries()).first().isEqualTo(code);
        assertThat(score(tags, code)).as("the title's mention counts in full once confirmed").isEqualTo(0.625);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "South Sudan Signs a Cotton Deal | SS | SD",
            "Papua New Guinea Joins the Forum | PG | GN",
            "New Mexico Buys Kazakh Uranium | US | MX",
            "American Samoa Orders New Ferries | AS | US"})
    void letsTheLongestCountryNameWin(String title, String tagged, String notTagged) {
        ArticleTags tags = TAGGER.tag(title, List.of());

        assertThat(tags.countries()).contains(tagged).doesNotContain(notTagged);
    }

    @Test
    void keepsAWordOfACuratedCountryFromOtherCountriesOfTheDataSet() {
        Taxonomy curated = yaml("countries: [{code: KZ, terms: [Kazakhstan, Baikonur]}]");
        Taxonomy world = yaml("""
                countries:
                  - {code: KZ, terms: [Qazaqstan]}
                  - {code: RU, terms: [Russia, Baikonur], ambiguous: [Kazakhstan]}
                """);

        Taxonomy merged = curated.withCountriesFrom(world);

        assertThat(merged.entries()).extracting(TaxonomyEntry::value).containsExactly("KZ", "RU");
        assertThat(merged.entries().getFirst().terms()).containsExactly("Kazakhstan", "Baikonur");
        assertThat(merged.entries().getLast().terms()).containsExactly("Russia");
        assertThat(merged.entries().getLast().ambiguous()).isEmpty();
    }

    /** A story about aid arriving in a neighbour from a country named three ways: in title, lede and body. */
    private static ArticleTags aidStory(String nameInTitle, String nameInLede, String nameInBody, String recipient,
                                        String recipientCapital) {
        return TAGGER.tag(nameInTitle + " Sends Aid to Flood-Hit " + recipient,
                List.of("Rescuers and tents from " + nameInLede + " landed in " + recipientCapital
                                + " on Monday, officials said.",
                        "The aid from " + nameInBody + " follows floods that cut roads across the north."));
    }

    private static double score(ArticleTags tags, String code) {
        return tags.scores().stream().filter(s -> s.kind().equals("country") && s.value().equals(code))
                .mapToDouble(TagScore::score).findFirst().orElse(0);
    }

    private static Taxonomy resource(String name) {
        try (InputStream in = CountryTaggingTest.class.getClassLoader().getResourceAsStream(name)) {
            return TaxonomyReader.read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Taxonomy yaml(String text) {
        return TaxonomyReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test");
    }
}

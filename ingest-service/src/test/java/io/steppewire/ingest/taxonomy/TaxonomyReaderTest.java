package io.steppewire.ingest.taxonomy;

import io.steppewire.ingest.tagging.TagKind;
import io.steppewire.ingest.tagging.Taxonomy;
import io.steppewire.ingest.tagging.TaxonomyEntry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxonomyReaderTest {

    private static Taxonomy read(String yaml) {
        return TaxonomyReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "my-taxonomy.yaml");
    }

    @Test
    void readsAllFourKindsOfEntries() {
        Taxonomy taxonomy = read("""
                version: test-1
                countries: [{code: KZ, name: Kazakhstan, terms: [Kazakhstan, Kazakh]}]
                currencies: [{code: KZT, terms: [tenge]}]
                topics: [{slug: media-freedom, description: press, terms: [journalist]}]
                entities: [{name: Kazatomprom, type: organisation}]
                """);
        assertThat(taxonomy.version()).isEqualTo("test-1");
        assertThat(taxonomy.entries()).extracting(TaxonomyEntry::kind)
                .containsExactly(TagKind.COUNTRY, TagKind.CURRENCY, TagKind.TOPIC, TagKind.ENTITY);
        assertThat(taxonomy.entries().getLast().terms()).containsExactly("Kazatomprom");
    }

    @Test
    void readsTheAmbiguousWordsOfACountryApartFromItsTerms() {
        Taxonomy taxonomy = read("countries: [{code: JO, terms: [Jordanian, Amman], ambiguous: [' Jordan ']}]");
        assertThat(taxonomy.entries().getFirst().terms()).containsExactly("Jordanian", "Amman");
        assertThat(taxonomy.entries().getFirst().ambiguous()).containsExactly("Jordan");
    }

    @Test
    void rejectsAnEmptyAmbiguousWord() {
        assertThatThrownBy(() -> read("countries: [{code: JO, terms: [Amman], ambiguous: ['']}]"))
                .isInstanceOf(TaxonomyFormatException.class).hasMessageContaining("'JO' has an empty ambiguous term");
    }

    @Test
    void rejectsACountryCodeThatIsNotIso() {
        assertThatThrownBy(() -> read("countries: [{code: KAZ, terms: [Kazakhstan]}]"))
                .isInstanceOf(TaxonomyFormatException.class)
                .hasMessageContaining("my-taxonomy.yaml").hasMessageContaining("'KAZ'").hasMessageContaining("ISO 3166");
    }

    @Test
    void rejectsAnEntryWithoutTerms() {
        assertThatThrownBy(() -> read("topics: [{slug: energy}]"))
                .isInstanceOf(TaxonomyFormatException.class).hasMessageContaining("lists no terms");
    }

    @Test
    void rejectsBrokenYamlAndUnknownFieldsSayingWhere() {
        assertThatThrownBy(() -> read("countries: [{code: KZ, terms: [Kazakhstan]"))
                .isInstanceOf(TaxonomyFormatException.class).hasMessageContaining("not a valid taxonomy file");
        assertThatThrownBy(() -> read("countrys: [{code: KZ, terms: [Kazakhstan]}]"))
                .isInstanceOf(TaxonomyFormatException.class).hasMessageContaining("countrys");
    }

    @Test
    void rejectsAFileThatDefinesNothing() {
        assertThatThrownBy(() -> read("version: empty")).isInstanceOf(TaxonomyFormatException.class)
                .hasMessageContaining("defines no");
    }
}

package io.steppewire.ingest.taxonomy;

import io.steppewire.ingest.tagging.TagKind;
import io.steppewire.ingest.tagging.Taxonomy;
import io.steppewire.ingest.tagging.TaxonomyEntry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks the taxonomy YAML; see the bundled {@code taxonomy/taxonomy.yaml} for the documented format. */
public final class TaxonomyReader {

    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record CodedEntry(@Nullable String code, @Nullable String name, @Nullable List<String> terms,
                      @Nullable List<String> ambiguous) {
    }

    record TopicEntry(@Nullable String slug, @Nullable String description, @Nullable List<String> terms) {
    }

    record NamedEntry(@Nullable String name, @Nullable String type, @Nullable List<String> terms) {
    }

    record TaxonomyFile(@Nullable String version, @Nullable List<CodedEntry> countries,
                        @Nullable List<CodedEntry> currencies, @Nullable List<TopicEntry> topics,
                        @Nullable List<NamedEntry> entities) {
    }

    private TaxonomyReader() {
    }

    /**
     * @param origin names the file in error messages
     * @throws TaxonomyFormatException naming the entry and what is wrong with it
     */
    public static Taxonomy read(InputStream yaml, String origin) {
        TaxonomyFile file;
        try {
            file = YAML.readValue(yaml, TaxonomyFile.class);
        } catch (JacksonException e) {
            throw new TaxonomyFormatException(origin + " is not a valid taxonomy file: " + e.getOriginalMessage(), e);
        }
        if (file == null) {
            throw new TaxonomyFormatException(origin + " is empty");
        }
        List<TaxonomyEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CodedEntry c : nonNull(file.countries())) {
            entries.add(withAmbiguous(entry(TagKind.COUNTRY, c.code(), c.terms(), COUNTRY_CODE,
                    "an ISO 3166-1 alpha-2 code such as KZ", origin, seen), c.ambiguous(), origin));
        }
        for (CodedEntry c : nonNull(file.currencies())) {
            entries.add(entry(TagKind.CURRENCY, c.code(), c.terms(), CURRENCY_CODE, "an ISO 4217 code such as KZT",
                    origin, seen));
        }
        for (TopicEntry t : nonNull(file.topics())) {
            entries.add(entry(TagKind.TOPIC, t.slug(), t.terms(), SLUG, "a lower-case slug such as media-freedom",
                    origin, seen));
        }
        for (NamedEntry e : nonNull(file.entities())) {
            entries.add(entry(TagKind.ENTITY, e.name(), e.terms() == null || e.terms().isEmpty()
                    ? (e.name() == null ? null : List.of(e.name())) : e.terms(), null, "a name", origin, seen));
        }
        if (entries.isEmpty()) {
            throw new TaxonomyFormatException(origin + " defines no countries, currencies, topics or entities");
        }
        return new Taxonomy(file.version() == null ? "unversioned" : file.version(), entries);
    }

    private static TaxonomyEntry entry(TagKind kind, @Nullable String value, @Nullable List<String> terms,
                                       @Nullable Pattern form, String expected, String origin, Set<String> seen) {
        String where = origin + ": " + kind.wireName() + " '" + value + "'";
        if (value == null || value.isBlank()) {
            throw new TaxonomyFormatException(origin + ": a " + kind.wireName() + " entry has no "
                    + (kind == TagKind.TOPIC ? "slug" : kind == TagKind.ENTITY ? "name" : "code"));
        }
        if (form != null && !form.matcher(value).matches()) {
            throw new TaxonomyFormatException(where + " must be " + expected);
        }
        if (!seen.add(kind + ":" + value)) {
            throw new TaxonomyFormatException(where + " is defined twice");
        }
        if (terms == null || terms.isEmpty()) {
            throw new TaxonomyFormatException(where + " lists no terms");
        }
        for (String term : terms) {
            if (term == null || term.isBlank()) {
                throw new TaxonomyFormatException(where + " has an empty term");
            }
        }
        return new TaxonomyEntry(kind, value, terms.stream().map(String::strip).toList());
    }

    /** Ambiguous words only confirm, so an entry still needs a plain term; both are checked by {@link #entry}. */
    private static TaxonomyEntry withAmbiguous(TaxonomyEntry entry, @Nullable List<String> ambiguous, String origin) {
        if (ambiguous == null || ambiguous.isEmpty()) {
            return entry;
        }
        for (String term : ambiguous) {
            if (term == null || term.isBlank()) {
                throw new TaxonomyFormatException(origin + ": " + entry.kind().wireName() + " '" + entry.value()
                        + "' has an empty ambiguous term");
            }
        }
        return new TaxonomyEntry(entry.kind(), entry.value(), entry.terms(),
                ambiguous.stream().map(String::strip).toList());
    }

    private static <T> List<T> nonNull(@Nullable List<T> list) {
        return list == null ? List.of() : list;
    }
}

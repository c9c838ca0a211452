package io.steppewire.ingest.tagging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tagging vocabulary: every tag with its signalling terms.
 *
 * @param version free text naming this edition of the file, reported by the API
 * @param entries every tag
 */
public record Taxonomy(String version, List<TaxonomyEntry> entries) {

    public Taxonomy {
        entries = List.copyOf(entries);
    }

    public long count(TagKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).count();
    }

    public int termCount() {
        return entries.stream().mapToInt(e -> e.terms().size() + e.ambiguous().size()).sum();
    }

    /**
     * This taxonomy with the countries of a broader data set added underneath: a country this taxonomy already has
     * keeps its own entry, and a word this taxonomy gives to one of its countries is not given to another one.
     */
    public Taxonomy withCountriesFrom(Taxonomy world) {
        Set<String> ownCodes = new HashSet<>();
        Set<String> ownWords = new HashSet<>();
        for (TaxonomyEntry entry : entries) {
            if (entry.kind() == TagKind.COUNTRY) {
                ownCodes.add(entry.value());
                entry.terms().forEach(t -> ownWords.add(t.toLowerCase(Locale.ROOT)));
                entry.ambiguous().forEach(t -> ownWords.add(t.toLowerCase(Locale.ROOT)));
            }
        }
        List<TaxonomyEntry> merged = new ArrayList<>(entries);
        for (TaxonomyEntry country : world.entries()) {
            if (country.kind() != TagKind.COUNTRY || ownCodes.contains(country.value())) {
                continue;
            }
            List<String> terms = country.terms().stream().filter(t -> !ownWords.contains(t.toLowerCase(Locale.ROOT)))
                    .toList();
            List<String> ambiguous = country.ambiguous().stream()
                    .filter(t -> !ownWords.contains(t.toLowerCase(Locale.ROOT))).toList();
            if (!terms.isEmpty() || !ambiguous.isEmpty()) {
                merged.add(new TaxonomyEntry(TagKind.COUNTRY, country.value(), terms, ambiguous));
            }
        }
        return new Taxonomy(version, merged);
    }
}

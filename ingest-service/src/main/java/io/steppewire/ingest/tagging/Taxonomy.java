package io.steppewire.ingest.tagging;

import java.util.List;

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
        return entries.stream().mapToInt(e -> e.terms().size()).sum();
    }
}

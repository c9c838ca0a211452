package io.steppewire.ingest.tagging;

import java.util.List;

/**
 * One tag and the words that signal it.
 *
 * @param kind  country, currency, topic or entity
 * @param value what the article gets tagged with: an ISO code, a topic slug or an entity's name
 * @param terms the words and phrases that signal it; a term with capitals matches only as written or
 *              in all capitals, a lower-case term matches in any case and also in its plural
 */
public record TaxonomyEntry(TagKind kind, String value, List<String> terms) {

    public TaxonomyEntry {
        terms = List.copyOf(terms);
    }
}

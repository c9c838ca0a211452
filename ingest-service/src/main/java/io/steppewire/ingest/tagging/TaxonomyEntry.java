package io.steppewire.ingest.tagging;

import java.util.List;

/**
 * One tag and the words that signal it.
 *
 * @param kind      country, currency, topic or entity
 * @param value     what the article gets tagged with: an ISO code, a topic slug or an entity's name
 * @param terms     the words and phrases that signal it; a term with capitals matches only as written or in all
 *                  capitals, a lower-case term matches in any case and also in its plural
 * @param ambiguous words that also mean something else ("Jordan" the name, "Turkey" the bird): they count only
 *                  in an article that also has a mention of one of {@code terms}
 */
public record TaxonomyEntry(TagKind kind, String value, List<String> terms, List<String> ambiguous) {

    public TaxonomyEntry {
        terms = List.copyOf(terms);
        ambiguous = List.copyOf(ambiguous);
    }

    public TaxonomyEntry(TagKind kind, String value, List<String> terms) {
        this(kind, value, terms, List.of());
    }
}

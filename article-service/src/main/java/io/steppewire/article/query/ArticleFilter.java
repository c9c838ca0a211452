package io.steppewire.article.query;

import io.steppewire.article.search.SearchQuery;
import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * Which articles a reader asks for; every part is optional and the parts combine with AND.
 *
 * @param countries any of these ISO 3166-1 alpha-2 codes (upper case); empty for all
 * @param tag       a topic slug the article carries
 * @param entity    a named person or organisation the article carries
 * @param source    the site the article came from
 * @param from      first publication date, inclusive
 * @param to        last publication date, inclusive
 * @param search    the parsed {@code q}; when present, results rank by relevance
 */
public record ArticleFilter(List<String> countries, @Nullable String tag, @Nullable String entity,
                            @Nullable String source, @Nullable LocalDate from, @Nullable LocalDate to,
                            @Nullable SearchQuery search) {

    public ArticleFilter {
        countries = List.copyOf(countries);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
    }

    public static ArticleFilter everything() {
        return new ArticleFilter(List.of(), null, null, null, null, null, null);
    }

    public static ArticleFilter aboutCountries(List<String> countries, LocalDate from, LocalDate to) {
        return new ArticleFilter(countries, null, null, null, from, to, null);
    }

    public boolean ranksByRelevance() {
        return search != null;
    }
}

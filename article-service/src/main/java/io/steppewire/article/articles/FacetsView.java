package io.steppewire.article.articles;

import java.util.List;

/** How many articles of the current filters carry each country, tag and entity; most frequent first. */
public record FacetsView(List<Count> countries, List<Count> tags, List<Count> entities) {

    public record Count(String value, long count) {
    }
}

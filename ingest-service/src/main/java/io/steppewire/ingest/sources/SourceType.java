package io.steppewire.ingest.sources;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** What a source's URL serves, which decides how its answer becomes articles. */
public enum SourceType {
    /** RSS 0.9x/2.0, Atom 1.0 or JSON Feed 1.1: each item is an article. */
    FEED("feed"),
    /** An HTML front page, flattened into the page format and segmented as {@code POST /api/pages} does. */
    FRONT_PAGE("front-page"),
    /** One HTML article, its main text extracted. */
    ARTICLE("article");

    private final String wireName;

    SourceType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<SourceType> ofWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}

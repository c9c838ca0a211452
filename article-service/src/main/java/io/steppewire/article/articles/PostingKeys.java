package io.steppewire.article.articles;

import io.steppewire.article.query.ArticleFilter;
import io.steppewire.events.article.ArticleIngested;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The filter values an article is filed under in {@link TermPostings} ({@code #country:KZ:2026-03}), so that
 * listings read a few small documents by {@code _id} instead of scanning the articles: the embedded store
 * (mongo-java-server) serves a non-unique index only for the first field of a filter, and a listing combines
 * several. {@code all} covers every article.
 */
final class PostingKeys {

    static final String ALL = "all";
    private static final String COUNTRY = "country:";
    private static final String TAG = "tag:";
    private static final String ENTITY = "entity:";
    private static final String SOURCE = "source:";

    /** Every filter value an article can be found under, {@code all} included. */
    static Set<String> of(ArticleIngested article) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(ALL);
        article.countries().forEach(country -> keys.add(COUNTRY + country));
        article.tags().forEach(tag -> keys.add(TAG + tag));
        article.entities().forEach(entity -> keys.add(ENTITY + entity));
        keys.add(SOURCE + article.source());
        return keys;
    }

    /**
     * The filter as groups of keys: an article qualifies when it is under some key of every group
     * (several countries are alternatives; tag, entity and source must all hold).
     */
    static List<List<String>> of(ArticleFilter filter) {
        List<List<String>> groups = new ArrayList<>();
        if (!filter.countries().isEmpty()) {
            groups.add(filter.countries().stream().map(country -> COUNTRY + country).toList());
        }
        if (filter.tag() != null) {
            groups.add(List.of(TAG + filter.tag()));
        }
        if (filter.entity() != null) {
            groups.add(List.of(ENTITY + filter.entity()));
        }
        if (filter.source() != null) {
            groups.add(List.of(SOURCE + filter.source()));
        }
        if (groups.isEmpty()) {
            groups.add(List.of(ALL));
        }
        return groups;
    }

    private PostingKeys() {
    }
}

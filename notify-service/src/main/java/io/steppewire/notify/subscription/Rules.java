package io.steppewire.notify.subscription;

import io.steppewire.query.KeywordQuery;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Set;

/**
 * What a subscription watches. An article matches when it meets every article condition given (each
 * set: any of its values); a rate change matches when any pair rule fires.
 *
 * @param countries ISO 3166-1 alpha-2 codes, upper case
 * @param tags      topic slugs, lower case
 * @param entities  people and organisations, compared case-insensitively
 * @param queryText the keyword query as written, when there is one
 * @param query     the parsed {@code queryText}
 * @param pairs     rate rules
 * @param perStory  one alert per story (articles of several sources telling the same news) rather than per article
 */
public record Rules(Set<String> countries, Set<String> tags, Set<String> entities,
                    @Nullable String queryText, @Nullable KeywordQuery query, List<PairRule> pairs, boolean perStory) {

    public Rules {
        countries = Set.copyOf(countries);
        tags = Set.copyOf(tags);
        entities = Set.copyOf(entities);
        pairs = List.copyOf(pairs);
    }

    /** Rules with the default of one alert per story. */
    public Rules(Set<String> countries, Set<String> tags, Set<String> entities, @Nullable String queryText,
                 @Nullable KeywordQuery query, List<PairRule> pairs) {
        this(countries, tags, entities, queryText, query, pairs, true);
    }

    public boolean watchesArticles() {
        return !countries.isEmpty() || !tags.isEmpty() || !entities.isEmpty() || query != null;
    }

    public boolean watchesRates() {
        return !pairs.isEmpty();
    }
}

package io.steppewire.ingest.tagging;

import io.steppewire.events.article.TagScore;

import java.util.List;

/**
 * The tags of one article, each list strongest first.
 *
 * @param countries  ISO 3166-1 alpha-2 codes
 * @param currencies ISO 4217 codes
 * @param topics     topic slugs
 * @param entities   names of people and organisations
 * @param scores     the score of every tag above
 */
public record ArticleTags(List<String> countries, List<String> currencies, List<String> topics,
                          List<String> entities, List<TagScore> scores) {

    public ArticleTags {
        countries = List.copyOf(countries);
        currencies = List.copyOf(currencies);
        topics = List.copyOf(topics);
        entities = List.copyOf(entities);
        scores = List.copyOf(scores);
    }
}

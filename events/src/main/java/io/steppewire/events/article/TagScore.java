package io.steppewire.events.article;

/**
 * How strongly an article is about one tag.
 *
 * @param kind  {@code country}, {@code currency}, {@code topic} or {@code entity}
 * @param value the tag: an ISO code, a topic slug or an entity name
 * @param score higher when the tag stands in the title or lede and appears often; 0 &lt; score &lt;= 1
 */
public record TagScore(String kind, String value, double score) {
}

package io.steppewire.article.articles;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the query API.
 *
 * @param defaultLimit page size when a request names none
 * @param maxLimit     largest page size a request may ask for; beyond it the answer is 400
 * @param facetSize    values per facet, most frequent first
 */
@ConfigurationProperties("steppewire.query")
public record QueryProperties(@DefaultValue("20") int defaultLimit, @DefaultValue("100") int maxLimit,
                              @DefaultValue("50") int facetSize) {
}

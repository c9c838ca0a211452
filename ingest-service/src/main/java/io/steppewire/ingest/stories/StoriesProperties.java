package io.steppewire.ingest.stories;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How articles are grouped into stories ({@code steppewire.ingest.stories.*}). The defaults are tuned on the story
 * corpus (docs/services/ingest-service.md, "Stories").
 *
 * @param threshold     the estimated share of the shorter article's words that the other must have for the two to
 *                      be one story (overlap coefficient over content words)
 * @param leadWords     content words read from the start of an article, title first
 * @param bandRows      MinHash values per LSH band: 2 rows in 64 bands make articles of the same story candidates
 *                      even when reworded, while few unrelated ones are
 * @param window        how far back an article finds the story it joins; older stories are not continued
 * @param maxCandidates stored articles one candidate query reads at most, the most recent first; a query serves
 *                      the articles of a batch 25 at a time
 */
@ConfigurationProperties("steppewire.ingest.stories")
public record StoriesProperties(@DefaultValue("0.42") double threshold,
                                @DefaultValue("100") int leadWords,
                                @DefaultValue("2") int bandRows,
                                @DefaultValue("7d") Duration window,
                                @DefaultValue("500") int maxCandidates) {
}

package io.steppewire.ingest.sources;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * How ingest-service fetches its sources ({@code steppewire.ingest.sources.*}).
 *
 * @param minInterval        the shortest fetch interval a source may ask for; 60 s in production, lower on the local
 *                           stack and in tests
 * @param pollInterval       how often an instance looks for sources that are due
 * @param lease              how long a claimed source stays with the instance fetching it; longer than any fetch
 * @param claimsPerPoll      sources one instance takes per poll
 * @param perHostConcurrency requests at once to one host
 * @param perHostGap         time between the starts of two requests to one host
 * @param maxResponseSize    the largest body read from a source
 * @param maxBackoff         the longest wait after repeated failures
 * @param maxRetryAfter      the longest Retry-After honoured; a longer one is cut to this
 * @param robotsCacheTime    how long a host's robots.txt is kept
 * @param maxRedirects       redirects followed in one fetch
 * @param contact            how a site owner reaches the operator, named in the User-Agent
 * @param maxItemsPerFetch   items of one feed turned into articles; a larger feed is cut, newest first as listed
 * @param shortSummary       a summary shorter than this (in characters) is replaced by the linked page's text when the
 *                           source asks for full text
 */
@ConfigurationProperties("steppewire.ingest.sources")
public record SourcesProperties(@DefaultValue("60s") Duration minInterval,
                                @DefaultValue("5s") Duration pollInterval,
                                @DefaultValue("5m") Duration lease,
                                @DefaultValue("8") int claimsPerPoll,
                                @DefaultValue("2") int perHostConcurrency,
                                @DefaultValue("1s") Duration perHostGap,
                                @DefaultValue("5MB") DataSize maxResponseSize,
                                @DefaultValue("6h") Duration maxBackoff,
                                @DefaultValue("1d") Duration maxRetryAfter,
                                @DefaultValue("1h") Duration robotsCacheTime,
                                @DefaultValue("5") int maxRedirects,
                                @DefaultValue("https://github.com/steppewire") String contact,
                                @DefaultValue("500") int maxItemsPerFetch,
                                @DefaultValue("400") int shortSummary) {

    /** Names steppewire and how to reach its operator, so a site owner can ask before blocking. */
    public String userAgent() {
        return "steppewire-ingest/1.0 (+" + contact + ")";
    }
}

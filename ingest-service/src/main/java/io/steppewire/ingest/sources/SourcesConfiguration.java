package io.steppewire.ingest.sources;

import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.ingest.pages.FirstSeenIndex;
import io.steppewire.ingest.pages.IngestPage;
import io.steppewire.ingest.pages.PageEventsWriter;
import io.steppewire.ingest.sources.fetch.Backoff;
import io.steppewire.ingest.sources.fetch.HostGates;
import io.steppewire.ingest.sources.fetch.PoliteFetcher;
import io.steppewire.ingest.stories.Stories;
import io.steppewire.ingest.taxonomy.CurrentTaxonomy;
import io.steppewire.platform.net.http.OutboundHttp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * Wires the source fetching: the polite fetcher over the platform's outbound client, the scheduler. The
 * {@link ArticleWriter} and the front pages' {@link PageEventsWriter} come from {@code sources.publishing}, the Spring
 * Cloud Stream bindings.
 */
@Configuration(proxyBeanMethods = false)
class SourcesConfiguration {

    @Bean
    PoliteFetcher politeFetcher(OutboundHttp http, SourcesProperties properties, Clock clock) {
        return new PoliteFetcher(http, new HostGates(properties.perHostConcurrency(), properties.perHostGap()),
                properties.userAgent(), properties.maxResponseSize().toBytes(), properties.maxRedirects(),
                properties.robotsCacheTime(), clock);
    }

    @Bean
    Backoff sourceBackoff(SourcesProperties properties) {
        return new Backoff(properties.maxBackoff(), properties.maxRetryAfter(), RandomGenerator.getDefault());
    }

    @Bean
    FetchSources fetchSources(SourceStore store, SeenItems seenItems, PoliteFetcher fetcher, Backoff backoff,
                              ArticleWriter writer, PageEventsWriter frontPageWriter, CurrentTaxonomy taxonomy,
                              FirstSeenIndex firstSeen, IngestPage ingestPage, Stories stories,
                              ObjectProvider<HtmlExtraction> extraction, SourcesProperties properties, Clock clock,
                              MeterRegistry meters) {
        return new FetchSources(store, seenItems, fetcher, backoff, writer, frontPageWriter, taxonomy, firstSeen,
                ingestPage, stories, extraction, properties, clock, meters);
    }

    @Bean
    SourceScheduler sourceScheduler(SourceStore store, FetchSources fetchSources, SourcesProperties properties,
                                    Clock clock) {
        return new SourceScheduler(store, fetchSources, properties, clock);
    }
}

package io.steppewire.ingest.pages;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of page ingestion ({@code steppewire.ingest.*}).
 *
 * @param maxPageSize             larger bodies are refused with 413 before they are read
 * @param maxPageLines            pages with more lines are refused with 422 before they are parsed: the parse keeps a
 *                                few objects per line, however short, so a page of millions of empty lines would cost
 *                                hundreds of megabytes
 * @param maxPageArticles         pages with more articles are refused with 422 before they are tagged: each article
 *                                costs a tagging pass, an answer entry and a Kafka record
 * @param maxConcurrentPages      pages read and parsed at the same time; more are answered 429 with Retry-After
 * @param firstSeenCatchUpTimeout how long start-up waits to read the article topic before serving
 * @param publishTimeout          how long a page may wait for Kafka to commit its events
 */
@Validated
@ConfigurationProperties("steppewire.ingest")
public record IngestProperties(
        @DefaultValue("5MB") DataSize maxPageSize,
        @DefaultValue("50000") @Min(1) int maxPageLines,
        @DefaultValue("1000") @Min(1) int maxPageArticles,
        @DefaultValue("4") @Min(1) int maxConcurrentPages,
        @DefaultValue("60s") Duration firstSeenCatchUpTimeout,
        @DefaultValue("30s") Duration publishTimeout) {
}

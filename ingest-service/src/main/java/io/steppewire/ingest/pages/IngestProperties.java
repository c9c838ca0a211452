package io.steppewire.ingest.pages;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Settings of page ingestion ({@code steppewire.ingest.*}).
 *
 * @param maxPageSize             larger bodies are refused with 413 before they are parsed
 * @param firstSeenCatchUpTimeout how long start-up waits to read the article topic before serving
 * @param publishTimeout          how long a page may wait for Kafka to commit its events
 */
@ConfigurationProperties("steppewire.ingest")
public record IngestProperties(
        @DefaultValue("5MB") DataSize maxPageSize,
        @DefaultValue("60s") Duration firstSeenCatchUpTimeout,
        @DefaultValue("30s") Duration publishTimeout) {
}

package io.steppewire.ingest.pages;

/**
 * Writes one page's events to Kafka in one transaction. The page endpoint's writer is its own {@code KafkaTemplate};
 * a fetched front page's is the Spring Cloud Stream binder's (docs/decisions/0007).
 */
@FunctionalInterface
public interface PageEventsWriter {

    /**
     * Returns only once Kafka has committed them.
     *
     * @throws RuntimeException when the events were not committed; none of them is visible then
     */
    void write(PageEvents events);
}

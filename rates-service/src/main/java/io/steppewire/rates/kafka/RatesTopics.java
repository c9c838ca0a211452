package io.steppewire.rates.kafka;

import io.steppewire.events.Topics;
import io.steppewire.platform.kafka.CreatedTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics rates-service makes sure exist: quotes (the quote API writes them, as ingest-service does) and rate
 * changes, each with its dead-letter companion. The platform creates them with the catalogue's retention and
 * record size; existing topics are left as they are.
 */
@Configuration(proxyBeanMethods = false)
class RatesTopics {

    @Bean
    CreatedTopics ratesServiceTopics() {
        return CreatedTopics.writing(Topics.QUOTES, Topics.RATE_CHANGES).consuming(Topics.QUOTES);
    }
}

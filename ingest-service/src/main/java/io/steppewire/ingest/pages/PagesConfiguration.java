package io.steppewire.ingest.pages;

import io.steppewire.events.Topics;
import io.steppewire.platform.kafka.CreatedTopics;
import io.steppewire.platform.web.BodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the page endpoint asks of the platform: the topics it writes, and a body limit of its own. */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration {

    /** Articles and quotes (and their dead-letter companions) exist before the first page, with the catalogue's settings. */
    @Bean
    CreatedTopics ingestTopics() {
        return CreatedTopics.writing(Topics.ARTICLES, Topics.QUOTES);
    }

    /** Pages are far larger than the JSON bodies the platform's default limit is made for. */
    @Bean
    BodyLimit pageBodyLimit(IngestProperties properties) {
        return new BodyLimit("/api/pages", properties.maxPageSize());
    }
}

package io.steppewire.article.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on the shared in-process broker and the shared embedded store. Every test class
 * extends this one unchanged, so they all share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "steppewire.topics.partitions=2",
        "steppewire.kafka.failures.poison-retry-interval=50ms",
        "steppewire.kafka.failures.outage-retry-initial-interval=200ms",
        "steppewire.kafka.failures.outage-retry-max-interval=1s",
        "spring.kafka.consumer.properties.metadata.max.age.ms=1000",
        "steppewire.kafka.instance-id=" + ServiceTest.INSTANCE_ID,
        // Queries still running on a replaced generation take milliseconds here.
        "steppewire.rebuild.retire-delay=1s",
        "management.endpoint.health.show-details=always"})
public abstract class ServiceTest {

    /** The random port gives no stable identity: the test names its instance, so consumers join as static members. */
    protected static final String INSTANCE_ID = "article-test";

    @LocalServerPort
    protected int port;

    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;

    protected ApiClient api;
    protected EventPublisher publisher;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", EmbeddedStore::uri);
    }

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
        publisher = new EventPublisher(brokers);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
    }
}

package io.steppewire.rates.stream;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Reports the rate-change stream in {@code /actuator/health}: an instance whose stream has stopped
 * must not look healthy, or changes would silently stop while the HTTP side still answers.
 */
@Component("rateChangeStream")
class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final StreamsBuilderFactoryBean streams;

    KafkaStreamsHealthIndicator(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            return Health.down().withDetail("state", "not started").build();
        }
        KafkaStreams.State state = kafkaStreams.state();
        // Rebalancing is normal whenever an instance joins or leaves; only a stopped stream is unhealthy.
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                || state == KafkaStreams.State.CREATED;
        return (up ? Health.up() : Health.down()).withDetail("state", state.name())
                .withDetail("threads", kafkaStreams.metadataForLocalThreads().size())
                .build();
    }
}

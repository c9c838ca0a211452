package io.steppewire.platform.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the consumers are waiting out. While a store or broker outage holds a consumer back, health says
 * {@code DEGRADED} (the service is alive and will catch up; a load balancer should keep it, an operator should
 * look), with the partitions held back and the last cause. An outage counts as over once no retry failed for
 * {@code quietPeriod}: the retries back off to at most {@code steppewire.kafka.failures.outage-retry-max-interval},
 * so a longer silence means the record went through.
 */
public final class ConsumerOutages implements HealthIndicator {

    /** The service works but is held back by a peer; it needs no restart. */
    public static final Status DEGRADED = new Status("DEGRADED", "A store or broker outage holds consumers back; retrying");

    private record Outage(Instant since, Instant lastFailure, String cause) {
    }

    private final Map<String, Outage> byPartition = new ConcurrentHashMap<>();
    private final Duration quietPeriod;
    private final Clock clock;

    public ConsumerOutages(Duration quietPeriod, Clock clock) {
        this.quietPeriod = quietPeriod;
        this.clock = clock;
    }

    /** A retry of a record on this topic-partition failed because a peer is away. */
    public void failed(String topicPartition, Throwable cause) {
        Instant now = clock.instant();
        String why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        byPartition.merge(topicPartition, new Outage(now, now, why), (old, fresh) -> new Outage(old.since(), now, why));
    }

    public boolean holdsBack() {
        forgetOver();
        return !byPartition.isEmpty();
    }

    @Override
    public Health health() {
        forgetOver();
        if (byPartition.isEmpty()) {
            return Health.up().build();
        }
        Health.Builder degraded = Health.status(DEGRADED);
        byPartition.forEach((partition, outage) -> degraded.withDetail(partition,
                Map.of("since", outage.since().toString(), "lastFailure", outage.lastFailure().toString(), "cause", outage.cause())));
        return degraded.build();
    }

    private void forgetOver() {
        Instant quietSince = clock.instant().minus(quietPeriod);
        byPartition.values().removeIf(outage -> outage.lastFailure().isBefore(quietSince));
    }
}

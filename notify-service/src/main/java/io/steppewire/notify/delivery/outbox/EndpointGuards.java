package io.steppewire.notify.delivery.outbox;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.notify.delivery.AttemptOutcome;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps one receiver from taking the delivery capacity of the others: at most
 * {@code per-endpoint-concurrency} attempts in flight per endpoint on this instance, and a circuit per endpoint
 * (Resilience4j) that opens after {@code circuit-failures} failed attempts in a row. While an endpoint is busy or
 * its circuit open, its deliveries stay due in the outbox, taking no slot and no attempt; once the circuit has been
 * open for {@code circuit-open-for}, one probe attempt is let through, and its success closes the circuit.
 * <p>
 * Only endpoints with an attempt in flight or a failure on record keep a circuit, and only circuits that are not
 * closed show as a meter: a service with many thousands of receivers keeps neither a circuit nor a time series for
 * each (the reason resilience4j-micrometer's meters per circuit are not used).
 */
@Component
public class EndpointGuards {

    private final int perEndpoint;
    private final CircuitBreakerRegistry circuits;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    /** Told when an open circuit lets its probe through, so the endpoint's waiting deliveries are looked at again. */
    private volatile Consumer<String> probeAllowed = endpoint -> {
    };
    /** The meters of the circuits that are not closed, by endpoint. */
    private final Map<String, Meter.Id> shown = new ConcurrentHashMap<>();

    public EndpointGuards(DeliveryProperties properties, MeterRegistry meters) {
        if (properties.perEndpointConcurrency() < 1) {
            throw new IllegalStateException("steppewire.notify.delivery.per-endpoint-concurrency must be at least 1, got "
                    + properties.perEndpointConcurrency());
        }
        this.perEndpoint = properties.perEndpointConcurrency();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                // Every one of the last N attempts failed: N failures in a row.
                .slidingWindowSize(properties.circuitFailures())
                .minimumNumberOfCalls(properties.circuitFailures())
                .failureRateThreshold(100)
                .waitDurationInOpenState(properties.circuitOpenFor())
                // Half-open without waiting for a call to notice, so the endpoint's deliveries are polled for the probe.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(1)
                // Failures are reported as results; an attempt's outcome is never thrown.
                .recordResult(result -> result instanceof AttemptOutcome outcome && countsAgainstEndpoint(outcome))
                .build();
        this.circuits = CircuitBreakerRegistry.of(config);
        this.meters = meters;
        circuits.getEventPublisher().onEntryAdded(added -> {
            CircuitBreaker circuit = added.getAddedEntry();
            circuit.getEventPublisher().onStateTransition(change -> {
                CircuitBreaker.State state = change.getStateTransition().getToState();
                show(circuit, state);
                if (state == CircuitBreaker.State.HALF_OPEN) {
                    probeAllowed.accept(circuit.getName());
                }
            });
        });
        Gauge.builder("steppewire.notify.delivery.open-circuits", this, EndpointGuards::openCircuits)
                .description("Delivery endpoints whose circuit is open or half-open: their deliveries wait").register(meters);
    }

    /**
     * A failure of the endpoint rather than of the one alert: no answer, or an answer saying the receiver cannot take
     * deliveries now. A permanent refusal (410 Gone, abort-message, an address the policy refuses) is about the alert or
     * the subscription and says the receiver is up.
     */
    static boolean countsAgainstEndpoint(AttemptOutcome outcome) {
        return !outcome.succeeded() && !outcome.permanent();
    }

    /**
     * Takes one of the endpoint's places for an attempt, when it has one free and its circuit lets an attempt
     * through. A true answer must be followed by exactly one {@link #finished} or {@link #abandoned}.
     */
    public boolean tryStart(String endpoint) {
        boolean[] started = {false};
        inFlight.compute(endpoint, (e, n) -> {
            int current = n == null ? 0 : n;
            if (current < perEndpoint && circuit(e).tryAcquirePermission()) {
                started[0] = true;
                return current + 1;
            }
            return n;
        });
        return started[0];
    }

    /** The attempt ended with this outcome: its place is free, and the outcome counts for the endpoint's circuit. */
    public void finished(String endpoint, AttemptOutcome outcome) {
        circuit(endpoint).onResult(outcome.duration().toNanos(), TimeUnit.NANOSECONDS, outcome);
        release(endpoint);
    }

    /** The attempt did not happen (claimed by another worker, cancelled, stopped): its place and permission are free. */
    public void abandoned(String endpoint) {
        circuit(endpoint).releasePermission();
        release(endpoint);
    }

    /** Endpoints that cannot take an attempt now: all their places taken, circuit open, or its one probe under way. */
    public Set<String> blocked() {
        Set<String> blocked = new HashSet<>();
        inFlight.forEach((endpoint, n) -> {
            if (n >= perEndpoint) {
                blocked.add(endpoint);
            }
        });
        for (CircuitBreaker circuit : circuits.getAllCircuitBreakers()) {
            switch (circuit.getState()) {
                case CLOSED, DISABLED, METRICS_ONLY -> {
                }
                case HALF_OPEN -> {
                    if (inFlight.getOrDefault(circuit.getName(), 0) > 0) {
                        blocked.add(circuit.getName());
                    }
                }
                case OPEN, FORCED_OPEN -> blocked.add(circuit.getName());
            }
        }
        return blocked;
    }

    /** Calls {@code listener} with the endpoint whenever an open circuit lets one probe attempt through. */
    public void onProbeAllowed(Consumer<String> listener) {
        this.probeAllowed = listener;
    }

    /** Whether the endpoint's circuit lets no attempt through now: open, or half-open with its probe under way. */
    public boolean isBlocked(String endpoint) {
        CircuitBreaker.State state = circuitState(endpoint);
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
                || state == CircuitBreaker.State.HALF_OPEN && inFlight(endpoint) > 0;
    }

        /** Whether the endpoint's circuit is open: no attempt goes there until its probe is due. */
    public boolean isOpen(String endpoint) {
        CircuitBreaker.State state = circuitState(endpoint);
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /** The state of an endpoint's circuit, e.g. for tests and diagnostics. */
    public CircuitBreaker.State circuitState(String endpoint) {
        return circuits.find(endpoint).map(CircuitBreaker::getState).orElse(CircuitBreaker.State.CLOSED);
    }

    /** Attempts in flight at the endpoint on this instance. */
    public int inFlight(String endpoint) {
        return inFlight.getOrDefault(endpoint, 0);
    }

    private double openCircuits() {
        return circuits.getAllCircuitBreakers().stream()
                .filter(c -> c.getState() == CircuitBreaker.State.OPEN || c.getState() == CircuitBreaker.State.HALF_OPEN).count();
    }

    private CircuitBreaker circuit(String endpoint) {
        return circuits.circuitBreaker(endpoint);
    }

    private void release(String endpoint) {
        inFlight.computeIfPresent(endpoint, (e, n) -> {
            if (n > 1) {
                return n - 1;
            }
            // Idle and without a failure on record: the circuit holds nothing worth keeping.
            circuits.find(e).filter(c -> c.getState() == CircuitBreaker.State.CLOSED && c.getMetrics().getNumberOfFailedCalls() == 0)
                    .ifPresent(c -> circuits.remove(e));
            return null;
        });
    }

    /** A circuit that is not closed shows as {@code steppewire.notify.delivery.circuit{endpoint}}: 1 open, 2 half-open. */
    private void show(CircuitBreaker circuit, CircuitBreaker.State state) {
        if (state == CircuitBreaker.State.CLOSED) {
            Meter.Id id = shown.remove(circuit.getName());
            if (id != null) {
                meters.remove(id);
            }
            return;
        }
        shown.computeIfAbsent(circuit.getName(), endpoint -> Gauge.builder("steppewire.notify.delivery.circuit", circuit, EndpointGuards::stateValue)
                .description("State of a delivery endpoint's circuit while it is not closed: 1 open, 2 half-open")
                .tag("endpoint", endpoint).register(meters).getId());
    }

    private static double stateValue(CircuitBreaker circuit) {
        return switch (circuit.getState()) {
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 0;
        };
    }
}

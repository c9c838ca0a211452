package io.steppewire.notify.delivery.outbox;

import io.steppewire.notify.delivery.RetrySchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How alerts are delivered.
 *
 * @param enabled         whether this instance runs delivery workers (matching runs either way)
 * @param concurrency     deliveries in flight at once per instance
 * @param pollInterval    how often idle workers look for due deliveries (new alerts wake them at once)
 * @param maxPollInterval the longest pause between polls while polls keep finding nothing; a worker's own retries are
 *                        polled for when due, so this bounds how late deliveries queued elsewhere (or left by a crash)
 *                        are found
 * @param lease           how long a claimed delivery is reserved for one worker; longer than any attempt
 * @param firstRetryDelay the pause after the first failure, doubled (see multiplier) per failure
 * @param multiplier      growth of the pause per failure
 * @param maxRetryDelay   the longest pause between attempts
 * @param giveUpAfter     no retry is scheduled later than this after the first attempt; the delivery is then failed
 * @param mailFrom        the sender address of alert e-mails
 * @param perEndpointConcurrency attempts in flight at once per endpoint (webhook scheme, host and port; the mail
 *                        server) on this instance, so one slow receiver holds at most this many of the slots
 * @param circuitFailures failed attempts in a row that open an endpoint's circuit
 * @param circuitOpenFor  how long an open circuit keeps its endpoint's deliveries waiting before one probe attempt
 * @param disableAfter    a webhook endpoint that failed every attempt for this long has its subscriptions' delivery
 *                        disabled (an {@code endpoint-disabled} alert says so); a PUT of a subscription enables it again
 * @param disableCheckInterval how often failing endpoints are looked at for disabling
 * @param firstAttemptWait how long after starting them the consumer that raised alerts waits for the first attempts
 *                        it started before writing anything of them (its wait for Kafka's acknowledgement counts): an
 *                        attempt recorded within it costs one write (its history), the others get their pending
 *                        document then; only endpoints that typically answer within a quarter of it get such
 *                        attempts. Zero writes every delivery's pending document first
 */
@ConfigurationProperties("steppewire.notify.delivery")
public record DeliveryProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("32") int concurrency,
                                 @DefaultValue("1s") Duration pollInterval,
                                 @DefaultValue("10s") Duration maxPollInterval,
                                 @DefaultValue("60s") Duration lease,
                                 @DefaultValue("30s") Duration firstRetryDelay,
                                 @DefaultValue("2.0") double multiplier,
                                 @DefaultValue("2h") Duration maxRetryDelay,
                                 @DefaultValue("24h") Duration giveUpAfter,
                                 @DefaultValue("alerts@steppewire.local") String mailFrom,
                                 @DefaultValue("2") int perEndpointConcurrency,
                                 @DefaultValue("5") int circuitFailures,
                                 @DefaultValue("30s") Duration circuitOpenFor,
                                 @DefaultValue("5d") Duration disableAfter,
                                 @DefaultValue("1m") Duration disableCheckInterval,
                                 @DefaultValue("100ms") Duration firstAttemptWait) {

    public RetrySchedule retrySchedule() {
        return new RetrySchedule(firstRetryDelay, multiplier, maxRetryDelay, giveUpAfter);
    }
}

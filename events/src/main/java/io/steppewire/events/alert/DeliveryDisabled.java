package io.steppewire.events.alert;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * Why a subscription's deliveries stopped: its endpoint failed every attempt for longer than the service allows.
 *
 * @param endpoint     the receiver that kept failing: scheme, host and port
 * @param failingSince the first failure of the unbroken run of failures
 * @param disabledAt   when delivery was disabled; a change of the subscription (PUT) enables it again
 * @param lastError    what the last failed attempt got, when known
 */
public record DeliveryDisabled(String endpoint, Instant failingSince, Instant disabledAt, @Nullable String lastError) {
}

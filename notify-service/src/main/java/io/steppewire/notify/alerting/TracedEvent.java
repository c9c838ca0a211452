package io.steppewire.notify.alerting;

import io.steppewire.events.TraceContext;
import org.jspecify.annotations.Nullable;

/**
 * An event as consumed, with the W3C trace context its record carried (none when the producer sent none), so that the
 * alerts it raises, their {@code alerts.v1} records and their webhook attempts continue the same trace.
 */
public record TracedEvent<E>(E event, @Nullable TraceContext trace) {

    public static <E> TracedEvent<E> untraced(E event) {
        return new TracedEvent<>(event, null);
    }
}

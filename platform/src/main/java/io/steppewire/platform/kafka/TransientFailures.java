package io.steppewire.platform.kafka;

import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.function.Predicate;

/**
 * Tells an outage (a store or broker briefly away: worth waiting out) from a record that can never
 * succeed. Each service adds the failures of its own store as beans; the Kafka client's retriable errors
 * and time-outs always count.
 */
@FunctionalInterface
public interface TransientFailures extends Predicate<Throwable> {

    /** Kafka's own retriable errors and time-outs anywhere in the cause chain. */
    TransientFailures KAFKA = failure -> failure instanceof org.apache.kafka.common.errors.RetriableException
            || failure instanceof java.util.concurrent.TimeoutException
            || failure instanceof org.apache.kafka.common.errors.TimeoutException;

    static boolean anyInChain(@Nullable Throwable failure, List<? extends Predicate<Throwable>> kinds) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Predicate<Throwable> kind : kinds) {
                if (kind.test(t)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

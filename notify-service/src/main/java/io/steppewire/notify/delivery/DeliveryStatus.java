package io.steppewire.notify.delivery;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (the first one is due at once). */
    PENDING,
    /** The receiver accepted it. */
    DELIVERED,
    /** Retries ran out, or the receiver said it will never accept it. */
    FAILED,
    /** The subscription was deleted before the alert could be delivered. */
    CANCELLED
}

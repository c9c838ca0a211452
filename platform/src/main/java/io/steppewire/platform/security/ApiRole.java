package io.steppewire.platform.security;

/** What a key may do. Reads of public data need no key at all. */
public enum ApiRole {
    /** The operator's key ({@code STEPPEWIRE_API_KEY}): every write, and every subscriber's data. */
    ADMIN,
    /** A key issued by notify-service to one subscriber: its own subscriptions, deliveries and streams only. */
    SUBSCRIBER;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}

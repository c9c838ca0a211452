package io.steppewire.notify.subscription;

import java.util.Optional;

/**
 * Tells whether a text is one plain e-mail address ({@code local@domain}). Implemented by a library parser
 * that reads each character a bounded number of times, never by a backtracking regular expression, so a
 * hostile address costs time in proportion to its (already bounded) length.
 */
@FunctionalInterface
public interface EmailAddressSyntax {

    /** Longest address accepted (RFC 5321: a path of 256 octets, less its angle brackets). */
    int MAX_LENGTH = 254;
    /** Longest local part accepted (RFC 5321). */
    int MAX_LOCAL_PART_LENGTH = 64;

    /**
     * Why the stripped text is not one plain address, or empty when it is.
     *
     * @return a refusal that completes "'x' ...", e.g. "has no domain after '@'"
     */
    Optional<String> refusal(String address);
}

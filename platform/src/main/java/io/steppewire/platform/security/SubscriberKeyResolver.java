package io.steppewire.platform.security;

import java.util.Optional;

/**
 * Recognises subscriber keys. notify-service, which issues them, provides the one implementation; a
 * service without it knows only the admin key, so a subscriber key is refused there like any wrong key.
 */
@FunctionalInterface
public interface SubscriberKeyResolver {

    /**
     * The subscriber whose live (not revoked) key has this hash, if any.
     *
     * @param keyHash {@link SubscriberKeys#hash(String)} of the presented key; the key itself is never stored
     */
    Optional<ApiCaller> resolve(String keyHash);
}

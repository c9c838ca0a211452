package io.steppewire.notify.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How subscriber keys are recognised ({@code steppewire.notify.keys.*}).
 *
 * @param cacheTtl         how long a looked-up key is trusted without asking the store again: at most 1 s, so that a
 *                         key revoked through any instance stops working on every instance within 2 s
 * @param negativeCacheTtl how long a key that is unknown (or revoked) is refused without asking the store, so that a
 *                         client repeating a wrong key cannot hammer the store; a new key is never in it, since
 *                         nobody can present a key before it is issued
 * @param cacheSize        most keys remembered at once; beyond it the cache starts over, so random keys cannot fill memory
 * @param lookupTimeout    longest wait for the store; a request whose key could not be checked in time is refused
 *                         with 503, never let through
 */
@ConfigurationProperties("steppewire.notify.keys")
public record KeyProperties(@DefaultValue("1s") Duration cacheTtl, @DefaultValue("5s") Duration negativeCacheTtl,
                            @DefaultValue("10000") int cacheSize, @DefaultValue("2s") Duration lookupTimeout) {

    /** Longest {@code cache-ttl}: a revocation must hold everywhere within two seconds, lookup included. */
    public static final Duration MAX_CACHE_TTL = Duration.ofSeconds(1);

    public KeyProperties {
        if (cacheTtl.isNegative() || cacheTtl.compareTo(MAX_CACHE_TTL) > 0) {
            throw new IllegalArgumentException("steppewire.notify.keys.cache-ttl is " + cacheTtl + "; it must be between 0 and "
                    + MAX_CACHE_TTL.toMillis() + " ms, so that a revoked key stops working on every instance within 2 s");
        }
        if (negativeCacheTtl.isNegative() || cacheSize < 1 || !lookupTimeout.isPositive()) {
            throw new IllegalArgumentException("steppewire.notify.keys: negative-cache-ttl must be 0 or more, cache-size at least 1 "
                    + "and lookup-timeout positive; got " + negativeCacheTtl + ", " + cacheSize + ", " + lookupTimeout);
        }
    }
}

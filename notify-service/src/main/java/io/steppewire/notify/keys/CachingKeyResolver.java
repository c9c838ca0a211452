package io.steppewire.notify.keys;

import io.steppewire.platform.security.ApiCaller;
import io.steppewire.platform.security.SubscriberKeyResolver;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Recognises subscriber keys by their hash, asking the store at most once per {@code cache-ttl} per key.
 *
 * <ul>
 *   <li>A live key is trusted for {@code cache-ttl} (at most 1 s): a revocation made through any instance holds on
 *       every instance once the entries there expire, within 2 s with the lookup. The instance that revokes forgets
 *       the key at once.</li>
 *   <li>An unknown or revoked key is refused for {@code negative-cache-ttl} without asking again, so that a client
 *       repeating a wrong key costs one lookup; a key cannot be presented before it exists, so no new key is ever
 *       refused by this.</li>
 *   <li>When the store fails or does not answer within {@code lookup-timeout}, the key is neither accepted nor
 *       remembered: {@link KeyStoreUnavailableException} ends the request with 503 (the platform's key filter answers it).</li>
 * </ul>
 */
public final class CachingKeyResolver implements SubscriberKeyResolver, AutoCloseable {

    /** Looks a key up by its hash. */
    @FunctionalInterface
    public interface KeyLookup {
        Optional<SubscriberKey> byHash(String keyHash);
    }

    /** @param caller {@code null} for a key that is refused */
    private record Entry(@Nullable ApiCaller caller, long expiresAtNanos) {
    }

    private final KeyLookup lookup;
    private final KeyProperties properties;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    public CachingKeyResolver(KeyLookup lookup, KeyProperties properties, LongSupplier nanoTime) {
        this.lookup = lookup;
        this.properties = properties;
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<ApiCaller> resolve(String keyHash) {
        long now = nanoTime.getAsLong();
        Entry cached = cache.get(keyHash);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return Optional.ofNullable(cached.caller());
        }
        Optional<SubscriberKey> found = lookUp(keyHash);
        ApiCaller caller = found.filter(key -> !key.isRevoked()).map(key -> ApiCaller.subscriber(key.id(), key.name())).orElse(null);
        Duration ttl = caller != null ? properties.cacheTtl() : properties.negativeCacheTtl();
        remember(keyHash, new Entry(caller, now + ttl.toNanos()), now);
        return Optional.ofNullable(caller);
    }

    /** Forgets what is known of a key, e.g. because it was just revoked through this instance. */
    public void forget(String keyHash) {
        cache.remove(keyHash);
    }

    private Optional<SubscriberKey> lookUp(String keyHash) {
        Future<Optional<SubscriberKey>> answer = lookups.submit(() -> lookup.byHash(keyHash));
        try {
            return answer.get(properties.lookupTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new KeyStoreUnavailableException("The key store did not answer within " + properties.lookupTimeout().toMillis()
                    + " ms", e);
        } catch (ExecutionException e) {
            throw new KeyStoreUnavailableException("The key store failed: " + e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new KeyStoreUnavailableException("Interrupted while waiting for the key store", e);
        }
    }

    private void remember(String keyHash, Entry entry, long now) {
        if (entry.expiresAtNanos() == now) {
            return;
        }
        if (cache.size() >= properties.cacheSize()) {
            cache.values().removeIf(old -> now - old.expiresAtNanos() >= 0);
            if (cache.size() >= properties.cacheSize()) {
                // Full of live entries (a flood of distinct keys): start over rather than grow.
                cache.clear();
            }
        }
        cache.put(keyHash, entry);
    }

    int size() {
        return cache.size();
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}

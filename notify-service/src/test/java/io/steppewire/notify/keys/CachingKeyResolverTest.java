package io.steppewire.notify.keys;

import io.steppewire.platform.security.ApiCaller;
import io.steppewire.platform.security.SubscriberKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingKeyResolverTest {

    private static final Instant CREATED = Instant.parse("2026-03-14T06:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Map<String, SubscriberKey> stored = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final String key = SubscriberKeys.generate();
    private final String hash = SubscriberKeys.hash(key);
    private CachingKeyResolver resolver = resolver(hashToFind -> {
        lookups.incrementAndGet();
        return Optional.ofNullable(stored.get(hashToFind));
    }, Duration.ofSeconds(2));

    private CachingKeyResolver resolver(CachingKeyResolver.KeyLookup lookup, Duration lookupTimeout) {
        return new CachingKeyResolver(lookup, new KeyProperties(Duration.ofSeconds(1), Duration.ofSeconds(5), 3, lookupTimeout), nanos::get);
    }

    @AfterEach
    void close() {
        resolver.close();
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    private void store(Instant revokedAt) {
        stored.put(hash, new SubscriberKey("key-1", "Almaty newsroom", hash, CREATED, revokedAt));
    }

    @Test
    void trustsALiveKeyForAtMostOneSecondSoARevocationElsewhereHoldsWithinTwo() {
        store(null);

        assertThat(resolver.resolve(hash)).contains(ApiCaller.subscriber("key-1", "Almaty newsroom"));
        store(CREATED.plusSeconds(60));
        advance(Duration.ofMillis(999));
        assertThat(resolver.resolve(hash)).as("still cached").isPresent();
        assertThat(lookups).hasValue(1);
        advance(Duration.ofMillis(1));

        assertThat(resolver.resolve(hash)).as("expired: asked the store again and found it revoked").isEmpty();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void forgetsAKeyRevokedThroughThisInstanceAtOnce() {
        store(null);
        assertThat(resolver.resolve(hash)).isPresent();
        store(CREATED.plusSeconds(60));

        resolver.forget(hash);

        assertThat(resolver.resolve(hash)).isEmpty();
    }

    @Test
    void refusesAnUnknownKeyAgainWithoutAskingTheStoreForAWhile() {
        for (int i = 0; i < 100; i++) {
            assertThat(resolver.resolve(hash)).isEmpty();
        }
        assertThat(lookups).hasValue(1);
        advance(Duration.ofSeconds(5));

        assertThat(resolver.resolve(hash)).isEmpty();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void refusesWithoutRememberingWhenTheStoreFails() {
        resolver.close();
        resolver = resolver(hashToFind -> {
            lookups.incrementAndGet();
            throw new IllegalStateException("connection refused");
        }, Duration.ofSeconds(2));

        assertThatThrownBy(() -> resolver.resolve(hash)).isInstanceOf(KeyStoreUnavailableException.class)
                .hasMessageContaining("IllegalStateException");
        assertThatThrownBy(() -> resolver.resolve(hash)).isInstanceOf(KeyStoreUnavailableException.class);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void refusesWhenTheStoreDoesNotAnswerInTime() {
        CountDownLatch never = new CountDownLatch(1);
        resolver.close();
        resolver = resolver(hashToFind -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }, Duration.ofMillis(100));

        assertThatThrownBy(() -> resolver.resolve(hash)).isInstanceOf(KeyStoreUnavailableException.class)
                .hasMessageContaining("within 100 ms");
        assertThat(resolver.size()).isZero();
    }

    @Test
    void neverRemembersMoreKeysThanItsSize() {
        for (int i = 0; i < 50; i++) {
            resolver.resolve(SubscriberKeys.hash(SubscriberKeys.generate()));
            assertThat(resolver.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void refusesACacheLongerThanOneSecond() {
        assertThatThrownBy(() -> new KeyProperties(Duration.ofMillis(1001), Duration.ofSeconds(5), 10, Duration.ofSeconds(1)))
                .hasMessageContaining("within 2 s");
    }
}

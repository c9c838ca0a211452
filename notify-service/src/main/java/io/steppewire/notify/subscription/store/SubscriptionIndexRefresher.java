package io.steppewire.notify.subscription.store;

import io.steppewire.notify.matching.SubscriptionIndex;
import io.steppewire.notify.subscription.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Keeps this instance's index in step with MongoDB: a full load before the event consumers start,
 * then polls for changes by the indexed {@code updatedAt} (no change streams: mongo-java-server has
 * none). Changes made through this instance are applied at once by {@link ManageSubscriptions}.
 */
@Component
public class SubscriptionIndexRefresher implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionIndexRefresher.class);

    private final SubscriptionStore store;
    private final SubscriptionIndex index;
    private final SubscriptionProperties properties;
    private final Clock clock;
    private volatile Instant lastPoll = Instant.EPOCH;

    public SubscriptionIndexRefresher(SubscriptionStore store, SubscriptionIndex index, SubscriptionProperties properties, Clock clock) {
        this.store = store;
        this.index = index;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Instant started = clock.instant();
        store.allLive().forEach(index::apply);
        lastPoll = started;
        log.info("Loaded {} subscriptions into the match index", index.size());
    }

    @Scheduled(fixedDelayString = "${steppewire.notify.subscriptions.refresh-interval:2s}")
    public void refresh() {
        Instant started = clock.instant();
        for (Subscription changed : store.changedSince(lastPoll.minus(properties.refreshOverlap()))) {
            index.apply(changed);
        }
        lastPoll = started;
    }
}

package io.steppewire.notify.subscription.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param refreshInterval how often each instance polls MongoDB for subscriptions changed elsewhere
 * @param refreshOverlap  how far back each poll looks before the previous one, to absorb clock skew
 *                        between instances and writes that committed late
 */
@ConfigurationProperties("steppewire.notify.subscriptions")
public record SubscriptionProperties(@DefaultValue("2s") Duration refreshInterval, @DefaultValue("30s") Duration refreshOverlap) {
}

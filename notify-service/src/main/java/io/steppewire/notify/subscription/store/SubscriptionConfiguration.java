package io.steppewire.notify.subscription.store;

import io.steppewire.notify.matching.SubscriptionIndex;
import io.steppewire.notify.subscription.SubscriptionValidator;
import io.steppewire.notify.subscription.WebhookUrlCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Wires the framework-free subscription and matching logic. */
@Configuration(proxyBeanMethods = false)
public class SubscriptionConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SubscriptionValidator subscriptionValidator(WebhookUrlCheck webhookUrls) {
        return new SubscriptionValidator(webhookUrls, new InternetAddressSyntax());
    }

    @Bean
    SubscriptionIndex subscriptionIndex(MeterRegistry meters) {
        SubscriptionIndex index = new SubscriptionIndex();
        Gauge.builder("steppewire.notify.subscriptions.indexed", index, SubscriptionIndex::size)
                .description("Live subscriptions in this instance's match index").register(meters);
        return index;
    }
}

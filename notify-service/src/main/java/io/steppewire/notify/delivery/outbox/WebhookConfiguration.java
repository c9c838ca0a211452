package io.steppewire.notify.delivery.outbox;

import io.steppewire.notify.subscription.WebhookUrlCheck;
import io.steppewire.platform.net.AddressRefusedException;
import io.steppewire.platform.net.CheckedResolver;
import io.steppewire.platform.net.HostNotResolvedException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

/**
 * Where webhooks may go: the platform's outbound policy ({@code steppewire.outbound.*}), checked when a subscription
 * is written and again, by the client that connects, before every attempt. Declared beside the sender so that the
 * subscription packages need nothing from delivery.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    /**
     * A URL whose host does not resolve right now is accepted: a DNS outage must not block subscription changes, and
     * every delivery resolves and checks again (the attempt is retried while the name does not resolve).
     */
    @Bean
    WebhookUrlCheck webhookUrlCheck(CheckedResolver addresses) {
        return urlCheck(addresses);
    }

    public static WebhookUrlCheck urlCheck(CheckedResolver addresses) {
        return url -> {
            try {
                addresses.check(url);
                return Optional.empty();
            } catch (AddressRefusedException refused) {
                return Optional.of(refused.getMessage() + " (steppewire.outbound.allowed-networks)");
            } catch (HostNotResolvedException notNow) {
                return Optional.empty();
            }
        };
    }
}

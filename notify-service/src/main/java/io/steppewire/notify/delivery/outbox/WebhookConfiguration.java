package io.steppewire.notify.delivery.outbox;

import io.steppewire.notify.subscription.Cidr;
import io.steppewire.notify.subscription.WebhookAddressPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;

/**
 * Where webhooks may go, from the webhook settings; used when a subscription is written and before each
 * delivery. Declared beside the settings so that the subscription packages need nothing from delivery.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookConfiguration {

    @Bean
    WebhookAddressPolicy webhookAddressPolicy(WebhookProperties webhooks) {
        return new WebhookAddressPolicy(webhooks.allowedNetworks().stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList(),
                InetAddress::getAllByName);
    }
}

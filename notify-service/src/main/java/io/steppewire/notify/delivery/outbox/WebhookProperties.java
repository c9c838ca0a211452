package io.steppewire.notify.delivery.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param allowedNetworks CIDRs that webhooks may reach although they are loopback, private or
 *                        link-local; env {@code STEPPEWIRE_NOTIFY_WEBHOOKS_ALLOWED_NETWORKS}, e.g.
 *                        {@code 127.0.0.0/8,::1/128}. Empty by default.
 * @param connectTimeout  how long to wait for a receiver to accept the connection
 * @param requestTimeout  how long to wait for a receiver's answer
 */
@ConfigurationProperties("steppewire.notify.webhooks")
public record WebhookProperties(@DefaultValue List<String> allowedNetworks,
                                @DefaultValue("5s") Duration connectTimeout,
                                @DefaultValue("10s") Duration requestTimeout) {
}

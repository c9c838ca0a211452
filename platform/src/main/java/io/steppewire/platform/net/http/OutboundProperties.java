package io.steppewire.platform.net.http;

import io.steppewire.platform.net.Cidr;
import io.steppewire.platform.net.OutboundAddressPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how a service calls out ({@code steppewire.outbound.*}): webhooks in notify-service, news sources in
 * ingest-service.
 *
 * @param allowedNetworks  networks called although they are not public, e.g. {@code 127.0.0.0/8,::1/128} for a
 *                         receiver on the same machine (env {@code STEPPEWIRE_OUTBOUND_ALLOWED_NETWORKS}); empty in
 *                         production
 * @param connectTimeout   how long to wait for a connection
 * @param responseTimeout  how long to wait for each read
 * @param exchangeDeadline how long a whole exchange may take, body included
 * @param maxResponseSize  the largest response body read
 * @param userAgent        the User-Agent sent
 */
@ConfigurationProperties("steppewire.outbound")
public record OutboundProperties(@DefaultValue List<String> allowedNetworks,
                                 @DefaultValue("5s") Duration connectTimeout,
                                 @DefaultValue("10s") Duration responseTimeout,
                                 @DefaultValue("30s") Duration exchangeDeadline,
                                 @DefaultValue("1MB") DataSize maxResponseSize,
                                 @DefaultValue("steppewire") String userAgent) {

    /** @throws IllegalArgumentException naming the allow-list entry that is not a network, and why */
    public OutboundAddressPolicy addressPolicy() {
        List<Cidr> networks = new ArrayList<>();
        for (int i = 0; i < allowedNetworks.size(); i++) {
            if (allowedNetworks.get(i).isBlank()) {
                // An empty environment variable (or a trailing comma) means no network, not a broken one.
                continue;
            }
            try {
                networks.add(Cidr.parse(allowedNetworks.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("steppewire.outbound.allowed-networks[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new OutboundAddressPolicy(networks);
    }

    public OutboundHttp.Settings httpSettings() {
        return new OutboundHttp.Settings(connectTimeout, responseTimeout, exchangeDeadline, maxResponseSize.toBytes(),
                userAgent);
    }
}

package io.steppewire.notify.subscription;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps webhooks from reaching into the network steppewire runs in: a URL whose host resolves to a
 * loopback, private, link-local or otherwise internal address is refused unless an operator
 * allow-listed that network. Checked when a subscription is written and again before each delivery,
 * because a host name may resolve differently later.
 */
public final class WebhookAddressPolicy {

    /** Resolves a host name; a seam for tests that must not depend on DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    // Shared-address space (RFC 6598) and IPv6 unique-local addresses are internal too, but the JDK has no predicate for them.
    private static final List<Cidr> ALSO_INTERNAL = List.of(Cidr.parse("100.64.0.0/10"), Cidr.parse("fc00::/7"),
            Cidr.parse("0.0.0.0/8"));

    private final List<Cidr> allowedNetworks;
    private final Resolver resolver;

    public WebhookAddressPolicy(List<Cidr> allowedNetworks, Resolver resolver) {
        this.allowedNetworks = List.copyOf(allowedNetworks);
        this.resolver = resolver;
    }

    /** Why the URL must not be called, or empty when it may be. */
    public Optional<String> refusal(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("must be an absolute http:// or https:// URL, e.g. https://example.org/hook");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("has no host name; write e.g. https://example.org/hook");
        }
        if (url.getUserInfo() != null) {
            return Optional.of("must not carry a user name or password; authenticate the webhook through its signature instead");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("names host '" + host + "', which does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && allowedNetworks.stream().noneMatch(n -> n.contains(address))) {
                return Optional.of("resolves to " + address.getHostAddress()
                        + ", a loopback, private or link-local address; webhooks must reach a public address"
                        + " unless an operator allow-lists the network in steppewire.notify.webhooks.allowed-networks");
            }
        }
        return Optional.empty();
    }

    private static boolean isInternal(InetAddress address) {
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || ALSO_INTERNAL.stream().anyMatch(n -> n.contains(address));
    }
}

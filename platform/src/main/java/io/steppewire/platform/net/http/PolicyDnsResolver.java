package io.steppewire.platform.net.http;

import io.steppewire.platform.net.AddressRefusedException;
import io.steppewire.platform.net.CheckedResolver;
import io.steppewire.platform.net.HostNotResolvedException;
import io.steppewire.platform.net.OutboundAddressPolicy;
import io.steppewire.platform.net.Resolver;
import org.apache.hc.client5.http.DnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * HttpClient's resolver, checking what it resolves: the client asks it once per new connection and connects to the
 * addresses it returns, which are exactly the ones that passed the policy, so a name cannot answer one address to a
 * check and another to the connection (DNS rebinding). Throws {@link AddressRefusedException} (permanent) when any
 * answer is refused and {@link HostNotResolvedException} (retryable) when the name gives none.
 */
public final class PolicyDnsResolver implements DnsResolver {

    private final CheckedResolver checked;

    public PolicyDnsResolver(CheckedResolver checked) {
        this.checked = checked;
    }

    public PolicyDnsResolver(OutboundAddressPolicy policy, Resolver resolver) {
        this(new CheckedResolver(policy, resolver));
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return checked.resolve(host).toArray(InetAddress[]::new);
    }

    /** The host as given: looking up its canonical name would be another lookup nobody checks. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}

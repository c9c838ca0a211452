package io.steppewire.platform.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a host once and checks every answer against the {@link OutboundAddressPolicy}. The caller must connect to
 * exactly the addresses returned: looking the name up again to connect would let its DNS answer a public address for
 * the check and an internal one for the connection (DNS rebinding). If any answer is refused, the host is refused,
 * rather than connecting to the good ones only: a name that also points inward is not one we call.
 */
public final class CheckedResolver {

    private final OutboundAddressPolicy policy;
    private final Resolver resolver;

    public CheckedResolver(OutboundAddressPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    public OutboundAddressPolicy policy() {
        return policy;
    }

    /**
     * The addresses to connect to for the host (a name, or a literal address, bracketed or not, which is not looked up).
     *
     * @throws HostNotResolvedException when the name gives no address now (retryable)
     * @throws AddressRefusedException  when the host, or any address it resolves to, may not be called (permanent)
     */
    public List<InetAddress> resolve(String host) throws HostNotResolvedException, AddressRefusedException {
        Optional<String> ambiguity = OutboundAddressPolicy.ambiguousNumericHost(host);
        if (ambiguity.isPresent()) {
            throw new AddressRefusedException("The URL " + ambiguity.get());
        }
        Optional<InetAddress> literal;
        try {
            literal = OutboundAddressPolicy.literal(host);
        } catch (IllegalArgumentException e) {
            throw new AddressRefusedException("Host '" + host + "' is not a valid IP address");
        }
        if (literal.isPresent()) {
            Optional<String> refusal = policy.refusal(literal.get());
            if (refusal.isPresent()) {
                throw new AddressRefusedException("Host " + host + " may not be called: " + refusal.get() + "; "
                        + OutboundAddressPolicy.ALLOW_LIST_HINT);
            }
            return List.of(literal.get());
        }
        InetAddress[] answers;
        try {
            answers = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new HostNotResolvedException(host, e);
        }
        if (answers == null || answers.length == 0) {
            throw new HostNotResolvedException(host, null);
        }
        for (InetAddress answer : answers) {
            Optional<String> refusal = policy.refusal(answer);
            if (refusal.isPresent()) {
                throw new AddressRefusedException("Host " + host + " resolves to an address that may not be called: "
                        + refusal.get() + "; " + OutboundAddressPolicy.ALLOW_LIST_HINT);
            }
        }
        return List.of(answers);
    }

    /**
     * Checks a URL in full, as when it is registered: its form ({@link OutboundAddressPolicy#refusal(URI)}), then
     * every address its host resolves to now. A later call must still connect through {@link #resolve}, since the
     * name may resolve differently by then.
     *
     * @return the addresses the host resolves to now
     * @throws HostNotResolvedException when the name gives no address now (retryable; the URL may still be fine)
     * @throws AddressRefusedException  when the URL, or any address it resolves to, may not be called
     */
    public List<InetAddress> check(URI url) throws HostNotResolvedException, AddressRefusedException {
        Optional<String> refusal = policy.refusal(url);
        if (refusal.isPresent()) {
            throw new AddressRefusedException("The URL " + refusal.get());
        }
        return resolve(url.getHost());
    }
}

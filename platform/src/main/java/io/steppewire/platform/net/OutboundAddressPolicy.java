package io.steppewire.platform.net;

import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps outbound calls (webhooks, news sources) from reaching into the network steppewire runs in: a URL must be a
 * plain http(s) URL, and every address it reaches must be public, that is outside every special-purpose range (loopback,
 * private, link-local, carrier-grade NAT, documentation, benchmarking, reserved, multicast, unique-local...), and an
 * IPv6 form that carries an IPv4 address (NAT64, 6to4, Teredo, IPv4-mapped) must carry a public one. Networks an
 * operator allow-lists, e.g. {@code 127.0.0.0/8} for a receiver on the same machine, are let through as they are.
 * <p>
 * {@link #refusal(URI)} judges what the URL itself says; host names are judged when they are resolved, by
 * {@link CheckedResolver}, whose answers the connection must then use (a second lookup could answer differently).
 */
public final class OutboundAddressPolicy {

    /** Appended where a refusal is shown to a person, so they know what would change it. */
    public static final String ALLOW_LIST_HINT =
            "only public addresses are called unless an operator allow-lists the network";

    // The Fetch standard's "bad ports": services that are not HTTP but may answer bytes an HTTP request makes up
    // (SMTP, IRC, SSH...). A URL naming one is a way to make us talk to such a service, never a webhook or a feed.
    private static final Set<Integer> OTHER_PROTOCOL_PORTS = Set.of(1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25,
            37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139,
            143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636,
            989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
            6669, 6679, 6697, 10080);

    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private final List<Cidr> allowedNetworks;

    public OutboundAddressPolicy(List<Cidr> allowedNetworks) {
        this.allowedNetworks = List.copyOf(allowedNetworks);
    }

    /** Public addresses only: what production runs with. */
    public static OutboundAddressPolicy publicOnly() {
        return new OutboundAddressPolicy(List.of());
    }

    /**
     * A policy allowing the given networks besides public addresses.
     *
     * @throws IllegalArgumentException naming the first network that does not parse, and why
     */
    public static OutboundAddressPolicy allowing(String... networks) {
        return new OutboundAddressPolicy(Arrays.stream(networks).map(Cidr::parse).toList());
    }

    public List<Cidr> allowedNetworks() {
        return allowedNetworks;
    }

    /**
     * Why the URL must not be called, as a phrase following "The URL" (e.g. {@code must not carry a user name or
     * password}), or empty when its form is fine. Checks the scheme, host, user info and port, and a literal address
     * in the host; a host name is judged only when it is resolved ({@link CheckedResolver}).
     */
    public Optional<String> refusal(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || url.isOpaque() || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("must be an absolute http:// or https:// URL, e.g. https://example.org/hook");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("has no host name that can be called; write e.g. https://example.org/hook, with a host of"
                    + " letters, digits, '-' and '.' or an IP address");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password; a receiver authenticates calls by their"
                    + " signature, and a source must be public");
        }
        int port = url.getPort();
        if (port > 65535) {
            return Optional.of("names port " + port + ", outside 1..65535");
        }
        if (port == 0 || OTHER_PROTOCOL_PORTS.contains(port)) {
            return Optional.of("names port " + port + ", which belongs to another protocol than HTTP; use the"
                    + " receiver's HTTP port (e.g. 443, 80 or 8080)");
        }
        Optional<String> ambiguity = ambiguousNumericHost(host);
        if (ambiguity.isPresent()) {
            return ambiguity;
        }
        Optional<InetAddress> literal;
        try {
            literal = literal(host);
        } catch (IllegalArgumentException e) {
            return Optional.of("names host '" + host + "', which is not a valid IP address");
        }
        return literal.flatMap(this::refusal)
                .map(reason -> "points at an address that may not be called: " + reason + "; " + ALLOW_LIST_HINT);
    }

    /**
     * Why the address must not be called, as a sentence such as {@code 10.0.0.1 is a private address (10.0.0.0/8)},
     * or empty when it may be: it is public, or lies in an allow-listed network.
     */
    public Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        // The JDK connects to an IPv4-mapped IPv6 address over IPv4, so an allow-listed IPv4 network covers it.
        byte[] asConnected = isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
        if (allowedNetworks.stream().anyMatch(network -> network.contains(asConnected))) {
            return Optional.empty();
        }
        return SpecialPurposeAddresses.whyNotPublic(bytes).map(why -> AddressText.of(bytes) + " is " + why);
    }

    /**
     * The address a host is written as, when it is a literal (an IPv6 address, in brackets or not, or an IPv4 address
     * of four decimal numbers); empty for a host name. Parsing a literal never asks DNS.
     *
     * @throws IllegalArgumentException when the host looks like an IPv6 literal but is not a valid one
     */
    static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.indexOf(':') >= 0 || DOTTED_QUAD.matcher(bare).matches()) {
            return Optional.of(InetAddress.ofLiteral(bare));
        }
        return Optional.empty();
    }

    /**
     * Why a host of digits and dots that is not four plain decimal numbers ({@code 0177.1}, {@code 2130706433},
     * {@code 010.0.0.1}) is refused: resolvers read such hosts differently (octal, one 32-bit number), so the address
     * one part checks could differ from the one another connects to.
     */
    static Optional<String> ambiguousNumericHost(String host) {
        if (DIGITS_AND_DOTS.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return Optional.of("names host '" + host + "', which is not a plain IPv4 address; write four decimal numbers"
                    + " without leading zeros, such as 203.0.113.7, or a host name");
        }
        return Optional.empty();
    }

    private static boolean isIpv4Mapped(byte[] address) {
        if (address.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }
}

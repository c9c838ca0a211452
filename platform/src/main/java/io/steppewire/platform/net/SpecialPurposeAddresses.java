package io.steppewire.platform.net;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The IANA special-purpose address ranges (IPv4 and IPv6 registries) and the IPv6 forms that carry an IPv4 address
 * inside them. An address in one of these ranges is not somewhere a webhook or a news source can legitimately live;
 * most reach into the network steppewire runs in. A translation form (NAT64, 6to4, Teredo, IPv4-mapped) is judged
 * by the IPv4 address it carries, because that is where the packets end up.
 */
final class SpecialPurposeAddresses {

    /** An IPv4 address inside an IPv6 one, with its role when there is more than one. */
    private record Embedded(String role, byte[] ipv4) {
    }

    @FunctionalInterface
    private interface Embedding {
        List<Embedded> extract(byte[] ipv6);
    }

    /** A range; when {@code embedding} is set, the range is judged by the IPv4 addresses it carries. */
    private record Range(Cidr network, String description, @Nullable Embedding embedding) {

        static Range refused(String network, String description) {
            return new Range(Cidr.parse(network), description, null);
        }

        static Range judgedByEmbedded(String network, String description, Embedding embedding) {
            return new Range(Cidr.parse(network), description, embedding);
        }
    }

    // Most specific first: the first range that contains an address names it.
    private static final List<Range> IPV4 = List.of(
            Range.refused("0.0.0.0/8", "a \"this network\" address"),
            Range.refused("10.0.0.0/8", "a private address"),
            Range.refused("100.64.0.0/10", "a shared carrier-grade NAT address"),
            Range.refused("127.0.0.0/8", "a loopback address"),
            Range.refused("169.254.0.0/16", "a link-local address (where cloud metadata services answer)"),
            Range.refused("172.16.0.0/12", "a private address"),
            Range.refused("192.0.0.0/24", "an IETF protocol assignment"),
            Range.refused("192.0.2.0/24", "a documentation address"),
            Range.refused("192.31.196.0/24", "an AS112 DNS address"),
            Range.refused("192.52.193.0/24", "an AMT relay address"),
            Range.refused("192.88.99.0/24", "a 6to4 relay anycast address"),
            Range.refused("192.168.0.0/16", "a private address"),
            Range.refused("192.175.48.0/24", "an AS112 DNS address"),
            Range.refused("198.18.0.0/15", "a benchmarking address"),
            Range.refused("198.51.100.0/24", "a documentation address"),
            Range.refused("203.0.113.0/24", "a documentation address"),
            Range.refused("224.0.0.0/4", "a multicast address"),
            Range.refused("255.255.255.255/32", "the broadcast address"),
            Range.refused("240.0.0.0/4", "a reserved address"));

    private static final List<Range> IPV6 = List.of(
            Range.refused("::/128", "the unspecified address"),
            Range.refused("::1/128", "the loopback address"),
            new Range(Cidr.of(new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96),
                    "an IPv4-mapped address", SpecialPurposeAddresses::lastFourBytes),
            Range.refused("::/96", "an IPv4-compatible address (deprecated, never a destination)"),
            Range.judgedByEmbedded("64:ff9b::/96", "a NAT64 address", SpecialPurposeAddresses::lastFourBytes),
            // Where the IPv4 address sits inside the local-use prefix depends on the prefix length its operator
            // chose (RFC 6052), so what it carries cannot be told; IANA marks it not globally reachable.
            Range.refused("64:ff9b:1::/48", "a local-use NAT64 address"),
            Range.refused("100::/64", "a discard-only address"),
            Range.judgedByEmbedded("2001::/32", "a Teredo address", SpecialPurposeAddresses::teredo),
            Range.refused("2001::/23", "an IETF protocol assignment"),
            Range.refused("2001:db8::/32", "a documentation address"),
            Range.judgedByEmbedded("2002::/16", "a 6to4 address", ipv6 -> List.of(new Embedded("", Arrays.copyOfRange(ipv6, 2, 6)))),
            Range.refused("3fff::/20", "a documentation address"),
            Range.refused("5f00::/16", "an SRv6 segment identifier"),
            Range.refused("fc00::/7", "a unique-local address"),
            Range.refused("fe80::/10", "a link-local address"),
            Range.refused("fec0::/10", "a site-local address"),
            Range.refused("ff00::/8", "a multicast address"));

    /** Every other IPv6 range is unassigned or reserved; only global unicast addresses are destinations. */
    private static final Cidr GLOBAL_UNICAST = Cidr.parse("2000::/3");

    /**
     * Why the address is not a public destination, as a phrase such as {@code a private address (10.0.0.0/8)}, or
     * empty when it is one.
     */
    static Optional<String> whyNotPublic(byte[] address) {
        for (Range range : address.length == 4 ? IPV4 : IPV6) {
            if (!range.network().contains(address)) {
                continue;
            }
            String named = range.description() + " (" + range.network() + ")";
            if (range.embedding() == null) {
                return Optional.of(named);
            }
            for (Embedded embedded : range.embedding().extract(address)) {
                Optional<String> inner = whyNotPublic(embedded.ipv4());
                if (inner.isPresent()) {
                    return Optional.of(named + " carrying " + embedded.role() + AddressText.of(embedded.ipv4())
                            + ", which is " + inner.get());
                }
            }
            return Optional.empty();
        }
        if (address.length == 16 && !GLOBAL_UNICAST.contains(address)) {
            return Optional.of("not a global unicast address (outside " + GLOBAL_UNICAST + ")");
        }
        return Optional.empty();
    }

    private static List<Embedded> lastFourBytes(byte[] ipv6) {
        return List.of(new Embedded("", Arrays.copyOfRange(ipv6, 12, 16)));
    }

    /** RFC 4380: the Teredo server's address in clear, the client's public address with every bit inverted. */
    private static List<Embedded> teredo(byte[] ipv6) {
        byte[] client = Arrays.copyOfRange(ipv6, 12, 16);
        for (int i = 0; i < client.length; i++) {
            client[i] = (byte) ~client[i];
        }
        return List.of(new Embedded("the server ", Arrays.copyOfRange(ipv6, 4, 8)), new Embedded("the client ", client));
    }

    private SpecialPurposeAddresses() {
    }
}

package io.steppewire.platform.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network such as {@code 127.0.0.0/8} or {@code ::1/128}, as an operator writes it in an allow-list.
 * Parsing is strict (four decimal parts for IPv4, no host bits after the prefix), because a network that means
 * something other than what its writer thought opens more than intended.
 */
public final class Cidr {

    private static final String FORM = "write an address and prefix length, e.g. 127.0.0.0/8 or ::1/128";
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/prefix}; an address without a prefix is a network of that one address.
     *
     * @throws IllegalArgumentException saying what is wrong and what to write instead
     */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literalBytes(text, addressText);
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = trimmed.substring(slash + 1);
            if (!prefixText.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("'" + text + "' has no prefix length (0.." + bits + ") after '/'; " + FORM);
            }
            prefix = Integer.parseInt(prefixText);
            if (prefix > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bits);
            }
        }
        byte[] masked = mask(bytes, prefix);
        if (!Arrays.equals(masked, bytes)) {
            throw new IllegalArgumentException("'" + text + "' has address bits set after the first " + prefix
                    + "; did you mean " + new Cidr(masked, prefix) + "?");
        }
        return new Cidr(bytes, prefix);
    }

    private static byte[] literalBytes(String text, String addressText) {
        boolean ipv4 = DOTTED_QUAD.matcher(addressText).matches();
        if (!ipv4 && !IPV6_TEXT.matcher(addressText).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a network; " + FORM);
        }
        InetAddress address;
        try {
            // A literal only (checked above): this never asks DNS.
            address = InetAddress.ofLiteral(addressText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a network; " + FORM, e);
        }
        if (!ipv4 && address instanceof Inet4Address) {
            throw new IllegalArgumentException("'" + text + "' is an IPv4-mapped IPv6 network; write the IPv4 network, e.g. "
                    + address.getHostAddress() + "/32");
        }
        return address.getAddress();
    }

    /** A network from raw bytes, for ranges that {@link #parse} rightly refuses from operators (IPv4-mapped). */
    static Cidr of(byte[] network, int prefixLength) {
        if (!Arrays.equals(mask(network, prefixLength), network)) {
            throw new IllegalArgumentException("address bits set after the prefix length " + prefixLength);
        }
        return new Cidr(network.clone(), prefixLength);
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** Whether the address lies in this network; an IPv4 address is never in an IPv6 network and vice versa. */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] candidate) {
        return candidate.length == network.length && Arrays.equals(mask(candidate, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.clamp(prefix - i * 8L, 0, 8);
            masked[i] = (byte) (masked[i] & (0xff00 >> keep));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr that && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** The network as {@link #parse} reads it, e.g. {@code 10.0.0.0/8} or {@code fc00::/7}. */
    @Override
    public String toString() {
        return AddressText.of(network) + "/" + prefixLength;
    }
}

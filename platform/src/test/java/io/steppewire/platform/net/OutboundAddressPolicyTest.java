package io.steppewire.platform.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundAddressPolicyTest {

    private final OutboundAddressPolicy publicOnly = OutboundAddressPolicy.publicOnly();

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    /** An IPv4-mapped address kept as IPv6 (the JDK turns parsed ones into IPv4 addresses). */
    private static InetAddress mapped(int a, int b, int c, int d) throws UnknownHostException {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0          | a \"this network\" address (0.0.0.0/8)",
            "0.255.1.2        | a \"this network\" address (0.0.0.0/8)",
            "10.1.2.3         | a private address (10.0.0.0/8)",
            "100.64.0.1       | a shared carrier-grade NAT address (100.64.0.0/10)",
            "100.127.255.254  | a shared carrier-grade NAT address (100.64.0.0/10)",
            "127.0.0.1        | a loopback address (127.0.0.0/8)",
            "127.255.255.254  | a loopback address (127.0.0.0/8)",
            "169.254.169.254  | a link-local address (where cloud metadata services answer) (169.254.0.0/16)",
            "172.16.0.1       | a private address (172.16.0.0/12)",
            "172.31.255.254   | a private address (172.16.0.0/12)",
            "192.0.0.8        | an IETF protocol assignment (192.0.0.0/24)",
            "192.0.2.10       | a documentation address (192.0.2.0/24)",
            "192.31.196.1     | an AS112 DNS address (192.31.196.0/24)",
            "192.52.193.1     | an AMT relay address (192.52.193.0/24)",
            "192.88.99.1      | a 6to4 relay anycast address (192.88.99.0/24)",
            "192.168.1.1      | a private address (192.168.0.0/16)",
            "192.175.48.6     | an AS112 DNS address (192.175.48.0/24)",
            "198.18.0.1       | a benchmarking address (198.18.0.0/15)",
            "198.19.255.254   | a benchmarking address (198.18.0.0/15)",
            "198.51.100.7     | a documentation address (198.51.100.0/24)",
            "203.0.113.7      | a documentation address (203.0.113.0/24)",
            "224.0.0.251      | a multicast address (224.0.0.0/4)",
            "239.255.255.250  | a multicast address (224.0.0.0/4)",
            "240.0.0.1        | a reserved address (240.0.0.0/4)",
            "255.255.255.254  | a reserved address (240.0.0.0/4)",
            "255.255.255.255  | the broadcast address (255.255.255.255/32)",
            "::               | the unspecified address (::/128)",
            "::1              | the loopback address (::1/128)",
            "::a00:1          | an IPv4-compatible address (deprecated, never a destination) (::/96)",
            "::808:808        | an IPv4-compatible address (deprecated, never a destination) (::/96)",
            "100::1           | a discard-only address (100::/64)",
            "2001:2::1        | an IETF protocol assignment (2001::/23)",
            "2001:10::1       | an IETF protocol assignment (2001::/23)",
            "2001:db8::1      | a documentation address (2001:db8::/32)",
            "3fff:fff::1      | a documentation address (3fff::/20)",
            "5f00::1          | an SRv6 segment identifier (5f00::/16)",
            "fc00::1          | a unique-local address (fc00::/7)",
            "fd12:3456:789a::1| a unique-local address (fc00::/7)",
            "fe80::1          | a link-local address (fe80::/10)",
            "febf::1          | a link-local address (fe80::/10)",
            "fec0::1          | a site-local address (fec0::/10)",
            "ff02::1          | a multicast address (ff00::/8)",
            "ff05::1:3        | a multicast address (ff00::/8)",
            "4000::1          | not a global unicast address (outside 2000::/3)",
            "1::1             | not a global unicast address (outside 2000::/3)",
            "::ffff:0:a00:1   | not a global unicast address (outside 2000::/3)"})
    void refusesEverySpecialPurposeRange(String address, String why) {
        assertThat(publicOnly.refusal(ip(address))).hasValueSatisfying(refusal -> assertThat(refusal).endsWith(" is " + why));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.215.14", "9.255.255.255", "11.0.0.0", "100.63.255.255",
            "100.128.0.0", "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255",
            "172.32.0.0", "191.255.255.255", "192.0.1.255", "192.0.3.0", "192.167.255.255", "192.169.0.0",
            "198.17.255.255", "198.20.0.0", "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001:82a::200e",
            "2001:200::1", "2001:db7:ffff::1", "2001:db9::1", "3ffe:ffff::1", "3fff:1000::1"})
    void allowsPublicAddresses(String address) {
        assertThat(publicOnly.refusal(ip(address))).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "64:ff9b::a00:1            | a NAT64 address (64:ff9b::/96) carrying 10.0.0.1, which is a private address (10.0.0.0/8)",
            "64:ff9b::7f00:1           | a NAT64 address (64:ff9b::/96) carrying 127.0.0.1, which is a loopback address (127.0.0.0/8)",
            "64:ff9b::a9fe:a9fe        | a NAT64 address (64:ff9b::/96) carrying 169.254.169.254, which is a link-local address (where cloud metadata services answer) (169.254.0.0/16)",
            "64:ff9b::6440:1           | a NAT64 address (64:ff9b::/96) carrying 100.64.0.1, which is a shared carrier-grade NAT address (100.64.0.0/10)",
            "2002:c0a8:101::1          | a 6to4 address (2002::/16) carrying 192.168.1.1, which is a private address (192.168.0.0/16)",
            "2002:7f00:1::1            | a 6to4 address (2002::/16) carrying 127.0.0.1, which is a loopback address (127.0.0.0/8)",
            "2002:a00:1:1234::1        | a 6to4 address (2002::/16) carrying 10.0.0.1, which is a private address (10.0.0.0/8)",
            "2001:0:808:808::f5ff:fffe | a Teredo address (2001::/32) carrying the client 10.0.0.1, which is a private address (10.0.0.0/8)",
            "2001:0:808:808::80ff:fffe | a Teredo address (2001::/32) carrying the client 127.0.0.1, which is a loopback address (127.0.0.0/8)",
            "2001:0:c0a8:101::f7f7:f7f7| a Teredo address (2001::/32) carrying the server 192.168.1.1, which is a private address (192.168.0.0/16)"})
    void refusesTranslatedAddressesCarryingAPrivateOne(String address, String why) {
        assertThat(publicOnly.refusal(ip(address))).hasValue(address + " is " + why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::808:808", "64:ff9b::5db8:d70e", "2002:808:808::1", "2002:5db8:d70e:1::1",
            "2001:0:808:808::f7f7:f7f7"})
    void allowsTranslatedAddressesCarryingAPublicOne(String address) {
        assertThat(publicOnly.refusal(ip(address))).isEmpty();
    }

    @Test
    void refusesTheLocalUseNat64PrefixWhateverItCarries() {
        // Where the IPv4 address sits depends on the operator's prefix length, so not even a public-looking one passes.
        assertThat(publicOnly.refusal(ip("64:ff9b:1::808:808"))).hasValue(
                "64:ff9b:1::808:808 is a local-use NAT64 address (64:ff9b:1::/48)");
        assertThat(publicOnly.refusal(ip("64:ff9b:1:a00:1::"))).isPresent();
    }

    @Test
    void judgesAnIpv4MappedAddressByTheIpv4AddressItCarries() throws UnknownHostException {
        assertThat(publicOnly.refusal(mapped(10, 0, 0, 1))).hasValue(
                "::ffff:a00:1 is an IPv4-mapped address (::ffff:0:0/96) carrying 10.0.0.1, which is a private address (10.0.0.0/8)");
        assertThat(publicOnly.refusal(mapped(127, 0, 0, 1))).isPresent();
        assertThat(publicOnly.refusal(mapped(8, 8, 8, 8))).isEmpty();
        // Parsed from text, the JDK already turns it into the IPv4 address.
        assertThat(publicOnly.refusal(ip("::ffff:169.254.169.254"))).hasValueSatisfying(r -> assertThat(r).startsWith("169.254.169.254 is"));
    }

    @Test
    void letsAllowListedNetworksThroughAndNothingElse() throws UnknownHostException {
        OutboundAddressPolicy localReceiver = OutboundAddressPolicy.allowing("127.0.0.0/8", "::1/128");
        assertThat(localReceiver.refusal(ip("127.0.0.1"))).isEmpty();
        assertThat(localReceiver.refusal(ip("127.255.255.254"))).isEmpty();
        assertThat(localReceiver.refusal(ip("::1"))).isEmpty();
        assertThat(localReceiver.refusal(mapped(127, 0, 0, 1))).as("connected over IPv4, so the IPv4 network covers it").isEmpty();
        assertThat(localReceiver.refusal(ip("10.0.0.1"))).isPresent();
        assertThat(localReceiver.refusal(ip("169.254.169.254"))).isPresent();
        assertThat(localReceiver.refusal(ip("fe80::1"))).isPresent();
        // A NAT64 address carrying 127.0.0.1 reaches the gateway's loopback, not ours: the allow-list does not cover it.
        assertThat(localReceiver.refusal(ip("64:ff9b::7f00:1"))).isPresent();
        assertThat(localReceiver.refusal(ip("8.8.8.8"))).isEmpty();
        assertThat(localReceiver.allowedNetworks()).containsExactly(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ftp://example.org/hook                    | must be an absolute http:// or https:// URL",
            "file:///etc/passwd                        | must be an absolute http:// or https:// URL",
            "mailto:someone@example.org                | must be an absolute http:// or https:// URL",
            "gopher://example.org:70/                  | must be an absolute http:// or https:// URL",
            "/relative/hook                            | must be an absolute http:// or https:// URL",
            "https:///hook                             | has no host name that can be called",
            "http://my_host.example.org/hook           | has no host name that can be called",
            "http://example.org:99999/hook             | names port 99999, outside 1..65535",
            "http://127.1/                             | has no host name that can be called",
            "https://user:secret@example.org/hook      | must not carry a user name or password",
            "https://user@example.org/hook             | must not carry a user name or password",
            "http://example.org:25/                    | names port 25, which belongs to another protocol than HTTP",
            "http://example.org:22/                    | names port 22",
            "http://example.org:6667/                  | names port 6667",
            "http://example.org:0/                     | names port 0",
            "http://0177.0.0.1/                        | names host '0177.0.0.1', which is not a plain IPv4 address",
            "http://2130706433/                        | names host '2130706433', which is not a plain IPv4 address",
            "http://010.0.0.1/                         | names host '010.0.0.1', which is not a plain IPv4 address",
            "http://127.0.0.1:8080/hook                | points at an address that may not be called: 127.0.0.1 is a loopback address (127.0.0.0/8)",
            "http://169.254.169.254/latest/meta-data/  | points at an address that may not be called: 169.254.169.254 is a link-local",
            "http://[::1]:8080/hook                    | points at an address that may not be called: ::1 is the loopback address",
            "http://[::ffff:127.0.0.1]/hook            | points at an address that may not be called: 127.0.0.1 is a loopback address",
            "http://[64:ff9b::a00:1]/hook              | carrying 10.0.0.1, which is a private address",
            "http://[fe80::1%25eth0]/hook              | fe80::1"})
    void refusesUrlsThatAreNotPlainHttpToAPublicPlace(String url, String complaint) {
        assertThat(publicOnly.refusal(URI.create(url))).hasValueSatisfying(refusal -> assertThat(refusal).contains(complaint));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org/hook", "http://example.org:8080/hook?x=1#y", "HTTPS://Example.ORG/hook",
            "http://8.8.8.8/feed", "http://[2606:4700:4700::1111]:443/", "https://news.example.kz:8443/rss.xml",
            "https://localhost.example.org/"})
    void allowsPlainHttpUrlsToPublicHosts(String url) {
        assertThat(publicOnly.refusal(URI.create(url))).isEmpty();
    }

    @Test
    void letsAnAllowListedLiteralUrlThrough() {
        OutboundAddressPolicy localReceiver = OutboundAddressPolicy.allowing("127.0.0.0/8");
        assertThat(localReceiver.refusal(URI.create("http://127.0.0.1:8080/hook"))).isEmpty();
        assertThat(localReceiver.refusal(URI.create("http://[::1]:8080/hook"))).isPresent();
        assertThat(localReceiver.refusal(URI.create("http://127.0.0.1:25/"))).as("the port is checked all the same").isPresent();
    }

    @Test
    void saysWhatToDoAboutARefusedAddress() {
        assertThat(publicOnly.refusal(URI.create("http://10.0.0.5:9000/hook"))).hasValue(
                "points at an address that may not be called: 10.0.0.5 is a private address (10.0.0.0/8); "
                        + "only public addresses are called unless an operator allow-lists the network");
    }
}

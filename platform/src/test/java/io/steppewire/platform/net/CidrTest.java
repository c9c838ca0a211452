package io.steppewire.platform.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CidrTest {

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    @Test
    void containsExactlyTheAddressesUnderItsPrefix() {
        Cidr cgnat = Cidr.parse("100.64.0.0/10");
        assertThat(cgnat.contains(ip("100.64.0.0"))).isTrue();
        assertThat(cgnat.contains(ip("100.127.255.255"))).isTrue();
        assertThat(cgnat.contains(ip("100.63.255.255"))).isFalse();
        assertThat(cgnat.contains(ip("100.128.0.0"))).isFalse();

        Cidr uniqueLocal = Cidr.parse("fc00::/7");
        assertThat(uniqueLocal.contains(ip("fd12:3456::1"))).isTrue();
        assertThat(uniqueLocal.contains(ip("fbff:ffff::1"))).isFalse();
        assertThat(uniqueLocal.contains(ip("fe00::1"))).isFalse();
    }

    @Test
    void readsAnAddressWithoutPrefixAsThatOneAddress() {
        assertThat(Cidr.parse("192.0.2.7")).isEqualTo(Cidr.parse("192.0.2.7/32"));
        assertThat(Cidr.parse(" ::1 ").prefixLength()).isEqualTo(128);
        assertThat(Cidr.parse("192.0.2.7").contains(ip("192.0.2.8"))).isFalse();
    }

    @Test
    void neverMixesTheTwoFamilies() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("127.0.0.1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void writesItselfAsPeopleDo() {
        assertThat(Cidr.parse("fc00:0:0:0:0:0:0:0/7")).hasToString("fc00::/7");
        assertThat(Cidr.parse("64:ff9b:0:0:0:0:0:0/96")).hasToString("64:ff9b::/96");
        assertThat(Cidr.parse("2001:db8:0:0:1:0:0:0/80")).hasToString("2001:db8:0:0:1::/80");
        assertThat(Cidr.parse("::1/128")).hasToString("::1/128");
        assertThat(Cidr.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
    }

    @Test
    void suggestsTheNetworkWhenHostBitsAreSet() {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("10.1.2.3/8"))
                .withMessageContaining("did you mean 10.0.0.0/8?");
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse("fd00::1/8"))
                .withMessageContaining("did you mean fd00::/8?");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "example.org/8        | is not a network; write an address and prefix length",
            "10.0.0/8             | is not a network",
            "010.0.0.0/8          | is not a network",
            "256.0.0.0/8          | is not a network",
            "10.0.0.0/33          | has a prefix length outside 0..32",
            "::/129               | has a prefix length outside 0..128",
            "10.0.0.0/            | has no prefix length (0..32) after '/'",
            "10.0.0.0/-1          | has no prefix length",
            "10.0.0.0/8/8         | has no prefix length",
            "fe80::1%eth0/64      | is not a network",
            "::ffff:127.0.0.1/128 | is an IPv4-mapped IPv6 network; write the IPv4 network, e.g. 127.0.0.1/32",
            "'   '                | is not a network"})
    void refusesWhatIsNotANetworkSayingWhatToWrite(String text, String complaint) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text)).withMessageContaining(complaint);
    }

    @Test
    void equalNetworksAreEqual() {
        assertThat(Cidr.parse("fc00::/7")).isEqualTo(Cidr.parse("FC00:0::/7")).hasSameHashCodeAs(Cidr.parse("fc00::/7"));
        assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("10.0.0.0/9"));
    }
}

package io.steppewire.notify.subscription;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookAddressPolicyTest {

    /** A made-up DNS: names resolve only as listed here. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.org", "93.184.216.34",
            "intranet.example.org", "10.20.30.40",
            "metadata.example.org", "169.254.169.254",
            "localhost", "127.0.0.1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.getOrDefault(host, host.matches("[0-9a-fA-F:.]+") ? host : null);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddress.getByName(address)};
    }

    private final WebhookAddressPolicy strict = new WebhookAddressPolicy(List.of(), WebhookAddressPolicyTest::resolve);

    @Test
    void acceptsAPublicHttpsAddress() {
        assertThat(strict.refusal(URI.create("https://hooks.example.org/steppewire"))).isEmpty();
    }

    @Test
    void refusesLoopbackPrivateAndLinkLocalAddresses() {
        assertThat(strict.refusal(URI.create("http://localhost:8080/hook"))).hasValueSatisfying(
                why -> assertThat(why).contains("127.0.0.1").contains("steppewire.notify.webhooks.allowed-networks"));
        assertThat(strict.refusal(URI.create("https://intranet.example.org/hook"))).isPresent();
        assertThat(strict.refusal(URI.create("http://metadata.example.org/latest"))).isPresent();
        assertThat(strict.refusal(URI.create("http://[::1]:9000/hook"))).isPresent();
        assertThat(strict.refusal(URI.create("http://[fd12:3456::1]/hook"))).isPresent();
    }

    @Test
    void acceptsLoopbackOnlyWhenAnOperatorAllowListedIt() {
        var local = new WebhookAddressPolicy(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")),
                WebhookAddressPolicyTest::resolve);

        assertThat(local.refusal(URI.create("http://127.0.0.1:9000/hook"))).isEmpty();
        assertThat(local.refusal(URI.create("http://[::1]:9000/hook"))).isEmpty();
        assertThat(local.refusal(URI.create("https://intranet.example.org/hook"))).isPresent();
    }

    @Test
    void refusesOtherSchemesUnresolvableHostsAndCredentialsInTheUrl() {
        assertThat(strict.refusal(URI.create("ftp://hooks.example.org/x"))).hasValueSatisfying(
                why -> assertThat(why).contains("http:// or https://"));
        assertThat(strict.refusal(URI.create("https://nowhere.example.org/x"))).hasValueSatisfying(
                why -> assertThat(why).contains("does not resolve"));
        assertThat(strict.refusal(URI.create("https://desk:pw@hooks.example.org/x"))).isPresent();
    }

    @Test
    void readsNetworksInCidrNotation() {
        Cidr network = Cidr.parse("10.8.0.0/13");

        assertThat(network.contains(address("10.15.255.255"))).isTrue();
        assertThat(network.contains(address("10.16.0.0"))).isFalse();
        assertThat(network.contains(address("::1"))).isFalse();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

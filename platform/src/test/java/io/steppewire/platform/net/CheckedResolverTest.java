package io.steppewire.platform.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckedResolverTest {

    private final FakeResolver dns = new FakeResolver();
    private final CheckedResolver publicOnly = new CheckedResolver(OutboundAddressPolicy.publicOnly(), dns);

    @Test
    void returnsExactlyTheAnswersItChecked() throws Exception {
        dns.thenAnswer("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");
        assertThat(publicOnly.resolve("hooks.example.org")).containsExactly(
                InetAddress.ofLiteral("93.184.215.14"), InetAddress.ofLiteral("2606:2800:21f:cb07:6820:80da:af6b:8b2c"));
        assertThat(dns.asked()).containsExactly("hooks.example.org");
    }

    @Test
    void refusesTheHostWhenAnyAnswerIsRefused() {
        dns.thenAnswer("93.184.215.14", "10.0.0.7");
        assertThatThrownBy(() -> publicOnly.resolve("split.example.org"))
                .isInstanceOf(AddressRefusedException.class)
                .hasMessage("Host split.example.org resolves to an address that may not be called: 10.0.0.7 is a private"
                        + " address (10.0.0.0/8); only public addresses are called unless an operator allow-lists the network");
    }

    @Test
    void refusesANameAnsweringWithANat64FormOfAPrivateAddress() {
        dns.thenAnswer("64:ff9b::a9fe:a9fe");
        assertThatThrownBy(() -> publicOnly.resolve("metadata.example.org"))
                .isInstanceOf(AddressRefusedException.class)
                .hasMessageContaining("carrying 169.254.169.254");
    }

    @Test
    void looksUpEachTimeSoEachConnectionUsesItsOwnCheckedAnswer() throws Exception {
        // A rebinding name: public first, internal next. Each lookup is checked on its own; none is reused unchecked.
        dns.thenAnswer("93.184.215.14").thenAnswer("127.0.0.1");
        assertThat(publicOnly.resolve("rebind.example.org")).containsExactly(InetAddress.ofLiteral("93.184.215.14"));
        assertThatThrownBy(() -> publicOnly.resolve("rebind.example.org")).isInstanceOf(AddressRefusedException.class);
        assertThat(dns.asked()).hasSize(2);
    }

    @Test
    void reportsAFailedLookupAsRetryable() {
        dns.thenFailTemporarily();
        assertThatThrownBy(() -> publicOnly.resolve("flaky.example.org"))
                .isInstanceOf(HostNotResolvedException.class)
                .isNotInstanceOf(AddressRefusedException.class)
                .hasMessageContaining("Host 'flaky.example.org' did not resolve (Temporary failure in name resolution)")
                .hasMessageContaining("worth retrying later")
                .satisfies(e -> assertThat(((HostNotResolvedException) e).host()).isEqualTo("flaky.example.org"));
    }

    @Test
    void reportsAnEmptyAnswerAsRetryable() {
        dns.thenAnswer();
        assertThatThrownBy(() -> publicOnly.resolve("empty.example.org")).isInstanceOf(HostNotResolvedException.class);
    }

    @Test
    void judgesLiteralAddressesWithoutAskingDns() throws Exception {
        assertThat(publicOnly.resolve("8.8.8.8")).containsExactly(InetAddress.ofLiteral("8.8.8.8"));
        assertThat(publicOnly.resolve("[2606:4700:4700::1111]")).containsExactly(InetAddress.ofLiteral("2606:4700:4700::1111"));
        assertThatThrownBy(() -> publicOnly.resolve("[::1]")).isInstanceOf(AddressRefusedException.class)
                .hasMessageContaining("::1 is the loopback address");
        assertThatThrownBy(() -> publicOnly.resolve("127.0.0.1")).isInstanceOf(AddressRefusedException.class);
        assertThatThrownBy(() -> publicOnly.resolve("0177.0.0.1")).isInstanceOf(AddressRefusedException.class)
                .hasMessageContaining("not a plain IPv4 address");
        assertThat(dns.asked()).isEmpty();
    }

    @Test
    void checksAUrlsFormBeforeLookingItsHostUp() throws Exception {
        assertThatThrownBy(() -> publicOnly.check(URI.create("https://user:pw@hooks.example.org/x")))
                .isInstanceOf(AddressRefusedException.class)
                .hasMessageStartingWith("The URL must not carry a user name or password");
        assertThat(dns.asked()).isEmpty();

        dns.thenAnswer("93.184.215.14");
        assertThat(publicOnly.check(URI.create("https://hooks.example.org/x"))).containsExactly(InetAddress.ofLiteral("93.184.215.14"));
    }

    @Test
    void letsAnAllowListedAnswerThrough() throws Exception {
        CheckedResolver localReceiver = new CheckedResolver(OutboundAddressPolicy.allowing("127.0.0.0/8"), dns);
        dns.thenAnswer("127.0.0.1");
        assertThat(localReceiver.resolve("receiver.test")).containsExactly(InetAddress.ofLiteral("127.0.0.1"));
    }
}

package io.steppewire.platform.net.http;

import io.steppewire.platform.net.AddressRefusedException;
import io.steppewire.platform.net.CheckedResolver;
import io.steppewire.platform.net.FakeResolver;
import io.steppewire.platform.net.OutboundAddressPolicy;
import io.steppewire.platform.net.Resolver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.net.InetAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OutboundAutoConfiguration.class));

    @Test
    void callsPublicAddressesOnlyByDefault() {
        context.run(ready -> {
            assertThat(ready.getBean(OutboundAddressPolicy.class).allowedNetworks()).isEmpty();
            assertThat(ready.getBean(OutboundHttp.class).settings()).isEqualTo(OutboundHttp.Settings.defaults());
        });
    }

    @Test
    void readsTheAllowListAndLimitsFromSettings() {
        context.withPropertyValues("steppewire.outbound.allowed-networks=127.0.0.0/8, ::1/128",
                "steppewire.outbound.exchange-deadline=12s", "steppewire.outbound.max-response-size=2MB",
                "steppewire.outbound.user-agent=steppewire-ingest").run(ready -> {
            OutboundAddressPolicy policy = ready.getBean(OutboundAddressPolicy.class);
            assertThat(policy.refusal(InetAddress.ofLiteral("127.0.0.1"))).isEmpty();
            assertThat(policy.refusal(InetAddress.ofLiteral("::1"))).isEmpty();
            assertThat(policy.refusal(InetAddress.ofLiteral("10.0.0.1"))).isPresent();
            OutboundHttp.Settings settings = ready.getBean(OutboundHttp.class).settings();
            assertThat(settings.exchangeDeadline()).isEqualTo(Duration.ofSeconds(12));
            assertThat(settings.maxResponseBytes()).isEqualTo(2 * 1024 * 1024);
            assertThat(settings.userAgent()).isEqualTo("steppewire-ingest");
        });
    }

    @Test
    void readsAnEmptyAllowListSettingAsNoNetwork() {
        context.withPropertyValues("steppewire.outbound.allowed-networks=").run(ready ->
                assertThat(ready.getBean(OutboundAddressPolicy.class).allowedNetworks()).isEmpty());
        context.withPropertyValues("steppewire.outbound.allowed-networks=127.0.0.0/8,").run(ready ->
                assertThat(ready.getBean(OutboundAddressPolicy.class).allowedNetworks()).hasSize(1));
    }

    @Test
    void refusesToStartWithAnAllowListEntryThatIsNoNetwork() {
        context.withPropertyValues("steppewire.outbound.allowed-networks=127.0.0.0/8,10.1.2.3/8").run(failed ->
                assertThat(failed).getFailure().hasStackTraceContaining(
                        "steppewire.outbound.allowed-networks[1]: '10.1.2.3/8' has address bits set after the first 8;"
                                + " did you mean 10.0.0.0/8?"));
    }

    @Test
    void resolvesThroughAResolverATestProvides() {
        FakeResolver dns = new FakeResolver().thenAnswer("10.0.0.9");
        context.withBean(Resolver.class, () -> dns).run(ready -> {
            assertThatThrownBy(() -> ready.getBean(CheckedResolver.class).resolve("internal.test"))
                    .isInstanceOf(AddressRefusedException.class);
            assertThat(dns.asked()).containsExactly("internal.test");
        });
    }
}

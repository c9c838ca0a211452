package io.steppewire.platform.net.http;

import io.steppewire.platform.net.CheckedResolver;
import io.steppewire.platform.net.OutboundAddressPolicy;
import io.steppewire.platform.net.Resolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The outbound address policy and client from {@code steppewire.outbound.*}. Each bean gives way to a service's own;
 * a test replaces {@link Resolver} to answer without DNS. Nothing here opens a connection or starts a thread until
 * the first call.
 */
@AutoConfiguration
@EnableConfigurationProperties(OutboundProperties.class)
public class OutboundAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Resolver outboundResolver() {
        return Resolver.system();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboundAddressPolicy outboundAddressPolicy(OutboundProperties properties) {
        return properties.addressPolicy();
    }

    @Bean
    @ConditionalOnMissingBean
    CheckedResolver outboundCheckedResolver(OutboundAddressPolicy policy, Resolver resolver) {
        return new CheckedResolver(policy, resolver);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    OutboundHttp outboundHttp(OutboundAddressPolicy policy, Resolver resolver, OutboundProperties properties) {
        return OutboundHttp.create(policy, resolver, properties.httpSettings());
    }
}

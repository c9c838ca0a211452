package io.steppewire.notify.keys;

import io.steppewire.platform.problem.ProblemWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Makes the platform's security recognise subscriber keys, and turns a key store outage into 503. */
@Configuration(proxyBeanMethods = false)
public class KeysConfiguration {

    /** The platform finds this bean as its {@link io.steppewire.platform.security.SubscriberKeyResolver}. */
    @Bean
    CachingKeyResolver subscriberKeyResolver(SubscriberKeyStore store, KeyProperties properties) {
        return new CachingKeyResolver(store::findByHash, properties, System::nanoTime);
    }

    /** Around the security filters (order -100), after the body limit (highest precedence + 20). */
    @Bean
    FilterRegistrationBean<KeyStoreOutageFilter> keyStoreOutageFilter(ProblemWriter problems) {
        FilterRegistrationBean<KeyStoreOutageFilter> registration = new FilterRegistrationBean<>(new KeyStoreOutageFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}

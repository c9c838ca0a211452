package io.steppewire.notify.keys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the platform's security recognise subscriber keys; a key store outage ends the request with 503 there. */
@Configuration(proxyBeanMethods = false)
public class KeysConfiguration {

    /** The platform finds this bean as its {@link io.steppewire.platform.security.SubscriberKeyResolver}. */
    @Bean
    CachingKeyResolver subscriberKeyResolver(SubscriberKeyStore store, KeyProperties properties) {
        return new CachingKeyResolver(store::findByHash, properties, System::nanoTime);
    }
}

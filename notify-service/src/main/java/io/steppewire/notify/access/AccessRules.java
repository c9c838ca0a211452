package io.steppewire.notify.access;

import io.steppewire.platform.security.ApiRole;
import io.steppewire.platform.security.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Everything under {@code /api} reveals or changes some subscriber's data, so nothing there is open by
 * default (the platform would leave reads open): subscriber keys are managed with the admin key only,
 * subscriptions with any key (each subscriber sees only its own), and a subscription's event stream is
 * authorised by its own stream token, which the controller checks. Anything else under {@code /api} (the
 * platform's dead letters, any endpoint added later) needs the admin key, so a new endpoint is closed until
 * a rule opens it. {@code /unsubscribe} is open: the signed token in its link authorises pausing one subscription.
 */
@Configuration(proxyBeanMethods = false)
public class AccessRules {

    @Bean
    EndpointAccess notifyEndpointAccess() {
        return rules -> {
            rules.requestMatchers("/api/keys", "/api/keys/**").hasRole(ApiRole.ADMIN.name());
            // The signed token of an alert e-mail's link is the authority (one-click POST from mail clients, no key).
            rules.requestMatchers(HttpMethod.GET, "/unsubscribe").permitAll();
            rules.requestMatchers(HttpMethod.POST, "/unsubscribe").permitAll();
            rules.requestMatchers(HttpMethod.GET, "/api/subscriptions/*/stream").permitAll();
            rules.requestMatchers("/api/subscriptions", "/api/subscriptions/**").hasAnyRole(ApiRole.ADMIN.name(), ApiRole.SUBSCRIBER.name());
            rules.requestMatchers("/api", "/api/**").hasRole(ApiRole.ADMIN.name());
        };
    }
}

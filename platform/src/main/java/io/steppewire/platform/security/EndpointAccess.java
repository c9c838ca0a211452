package io.steppewire.platform.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own access rules, applied before the platform's defaults: reads ({@code GET}, {@code HEAD})
 * open, every other method needs the admin key. Rules are matched on the decoded, normalised path, the
 * same one Spring MVC routes, after the firewall has refused ambiguous forms.
 */
@FunctionalInterface
public interface EndpointAccess {

    void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules);
}

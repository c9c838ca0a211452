package io.steppewire.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/** A request authenticated by its {@code X-Api-Key}; the key itself is not kept. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiCaller caller;

    ApiKeyAuthentication(ApiCaller caller) {
        super(List.of(new SimpleGrantedAuthority(caller.role().authority())));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiCaller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.name();
    }
}

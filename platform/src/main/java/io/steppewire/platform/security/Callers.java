package io.steppewire.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** The caller of the request being handled, for services that keep data per subscriber. */
public final class Callers {

    /** The authenticated caller; empty for an anonymous request (one that sent no key). */
    public static Optional<ApiCaller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ApiCaller caller
                ? Optional.of(caller) : Optional.empty();
    }

    /** The authenticated caller of an endpoint that the security rules admit only with a key. */
    public static ApiCaller required() {
        return current().orElseThrow(() -> new IllegalStateException(
                "No authenticated caller: the endpoint must be declared as needing a key in the service's EndpointAccess"));
    }

    private Callers() {
    }
}

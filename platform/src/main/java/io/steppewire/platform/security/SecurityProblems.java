package io.steppewire.platform.security;

import io.steppewire.platform.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;

/** The security refusals, as problem+json like every other error: 401 (no or wrong key), 403 (wrong role), 400 (firewall). */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final ProblemWriter problems;

    SecurityProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        boolean presented = request.getHeader(ApiKeyAuthenticationFilter.HEADER) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\"");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, presented ? "API key not accepted" : "API key required",
                presented ? failure.getMessage()
                        : "This request needs the header " + ApiKeyAuthenticationFilter.HEADER + " with a key: the admin key "
                        + "(STEPPEWIRE_API_KEY) or, for subscriptions, a subscriber key from POST /api/keys on notify-service.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        String role = Callers.current().map(c -> c.role().name().toLowerCase(java.util.Locale.ROOT)).orElse("anonymous");
        problems.write(request, response, HttpStatus.FORBIDDEN, "Not allowed with this key",
                "A " + role + " key may not do this; it needs the admin key (STEPPEWIRE_API_KEY).");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) throws IOException {
        problems.write(request, response, HttpStatus.BAD_REQUEST, "Request path refused",
                "The path is ambiguous and was refused before routing (" + rejected.getMessage() + "). Send the plain path, "
                        + "without ';' parameters, encoded '/', '\\', '%' or '.' characters, '//', '/./' or '/../' segments.");
    }
}

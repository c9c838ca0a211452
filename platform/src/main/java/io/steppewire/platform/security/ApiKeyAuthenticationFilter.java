package io.steppewire.platform.security;

import io.steppewire.platform.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates a request by its {@code X-Api-Key}. A request without the header goes on anonymous (the
 * authorisation rules decide); a request with a key nobody issued, or one since revoked, is refused at
 * once, even where no key is needed, so that a client with a wrong key learns so.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

    private final ApiKeys keys;
    private final AuthenticationEntryPoint refusal;
    private final ProblemWriter problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(ApiKeys keys, AuthenticationEntryPoint refusal, ProblemWriter problems) {
        this.keys = keys;
        this.refusal = refusal;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiCaller> caller;
        try {
            caller = keys.identify(presented.strip());
        } catch (RuntimeException keyStoreAway) {
            // An unchecked key is never let through, and 401 would wrongly tell the client that its key is bad.
            log.warn("Refused a request whose key could not be checked: {}", keyStoreAway.toString());
            contexts.clearContext();
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Key cannot be checked now",
                    "The key in " + HEADER + " could not be checked because the key store is unavailable; nothing of this "
                            + "request was done. Try again in a few seconds.");
            return;
        }
        if (caller.isEmpty()) {
            contexts.clearContext();
            refusal.commence(request, response, new BadCredentialsException("The " + HEADER
                    + " header holds no key this service accepts: it is wrong, revoked, or a subscriber key sent to a"
                    + " service that only takes the admin key."));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(caller.get()));
        contexts.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            contexts.clearContext();
        }
    }
}

package io.steppewire.notify.keys;

import io.steppewire.platform.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Answers a request whose subscriber key could not be checked (the key store is down or slow) with 503 and
 * {@code Retry-After}, around the security filters that raise it. The request has gone no further: an
 * unchecked key is never let through, and 401 would wrongly tell the client that its key is bad.
 */
final class KeyStoreOutageFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";
    private static final Logger log = LoggerFactory.getLogger(KeyStoreOutageFilter.class);

    private final ProblemWriter problems;

    KeyStoreOutageFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException | IOException e) {
            KeyStoreUnavailableException outage = outageIn(e);
            if (outage == null || response.isCommitted()) {
                throw e;
            }
            log.warn("Refused a request with a subscriber key that could not be checked: {}", outage.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Key cannot be checked now",
                    "The subscriber key in X-Api-Key could not be checked because the key store is unavailable; nothing of "
                            + "this request was done. Try again in a few seconds.");
        }
    }

    private static KeyStoreUnavailableException outageIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KeyStoreUnavailableException outage) {
                return outage;
            }
        }
        return null;
    }
}

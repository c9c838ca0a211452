package io.steppewire.notify.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Requires {@code X-Api-Key} for everything under {@code /api/subscriptions}: writes, and reads too,
 * because subscriptions reveal subscriber data. The one exception is a subscription's event stream,
 * which its own stream token authorises.
 */
@Component
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Api-Key";

    private final byte[] apiKey;
    private final JsonMapper json;

    public ApiKeyFilter(ApiKeyProperties properties, JsonMapper json) {
        this.apiKey = properties.apiKey().getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean protectedPath = path.equals("/api/subscriptions") || path.startsWith("/api/subscriptions/");
        return !protectedPath || path.endsWith("/stream");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        // Constant-time comparison: the time to refuse must not reveal how much of the key was right.
        if (given != null && MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8))) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, given == null
                ? "This endpoint needs the header " + HEADER + " with the service's API key (property steppewire.api-key)."
                : "The " + HEADER + " header does not hold the service's API key.");
        problem.setTitle("API key required");
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
        json.writeValue(response.getOutputStream(), problem);
    }
}

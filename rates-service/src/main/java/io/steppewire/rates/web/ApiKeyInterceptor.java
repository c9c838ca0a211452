package io.steppewire.rates.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/** Writes need the API key; reads stay open. */
final class ApiKeyInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-Api-Key";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final byte[] expectedKey;

    ApiKeyInterceptor(String expectedKey) {
        this.expectedKey = expectedKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (READS.contains(request.getMethod())) {
            return true;
        }
        String given = request.getHeader(HEADER);
        if (given == null || given.isBlank()) {
            throw new MissingApiKeyException("This request changes data and needs the header " + HEADER
                    + " with the service's API key (setting steppewire.api-key, env STEPPEWIRE_API_KEY)");
        }
        // Constant-time comparison, so response timing does not reveal how much of a guess was right.
        if (!MessageDigest.isEqual(expectedKey, given.getBytes(StandardCharsets.UTF_8))) {
            throw new MissingApiKeyException("The header " + HEADER + " does not hold the service's API key");
        }
        return true;
    }
}

package io.steppewire.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.HandlerInterceptor;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets reads through and demands the configured API key on every write; answers 401 problem+json otherwise. */
class ApiKeyInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-Api-Key";

    private final byte[] expected;
    private final JsonMapper json;

    ApiKeyInterceptor(ApiKeyProperties properties, JsonMapper json) {
        this.expected = properties.apiKey().getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        String method = request.getMethod();
        if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method)) {
            return true;
        }
        String given = request.getHeader(HEADER);
        // Constant-time comparison: the key must not leak through response timing.
        if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, given == null
                ? "This endpoint changes data and needs the header " + HEADER + " with the service's API key"
                        + " (property steppewire.api-key, env STEPPEWIRE_API_KEY)."
                : "The " + HEADER + " header does not match the service's API key"
                        + " (property steppewire.api-key, env STEPPEWIRE_API_KEY).");
        problem.setTitle("API key required");
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), problem);
        return false;
    }
}

package io.steppewire.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Which web pages of other origins may call this service from a browser ({@code steppewire.http.cors.*}): the
 * dashboard that article-service serves calls the other services' APIs this way.
 *
 * @param allowedOrigins exact origins ({@code https://dashboard.example.org}, {@code http://localhost:8083}): scheme,
 *                       host and port only. Empty (the default): no cross-origin answers at all. No wildcard: a key
 *                       typed into a page of an unlisted origin must not reach the service. Env
 *                       {@code STEPPEWIRE_HTTP_CORS_ALLOWED_ORIGINS}, comma-separated
 * @param maxAge         how long a browser may keep a preflight's answer
 */
@ConfigurationProperties("steppewire.http.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("10m") Duration maxAge) {

    public CorsProperties {
        allowedOrigins = allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty())
                .map(CorsProperties::checkedOrigin).distinct().toList();
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("steppewire.http.cors.max-age must not be negative, got " + maxAge);
        }
    }

    /** An origin as browsers send it: lower-case scheme and host, the port only when given, nothing after it. */
    private static String checkedOrigin(String origin) {
        String problem = "steppewire.http.cors.allowed-origins (env STEPPEWIRE_HTTP_CORS_ALLOWED_ORIGINS) takes exact "
                + "origins such as https://dashboard.example.org or http://localhost:8083 (scheme, host, optional port; "
                + "no path, no wildcard), got '" + origin + "'";
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare || origin.contains("*")) {
            throw new IllegalArgumentException(problem);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }
}

package io.steppewire.ingest.sources;

import io.steppewire.platform.net.OutboundAddressPolicy;
import io.steppewire.platform.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a source as an operator sent it and answers every problem at once, each saying what to fix. The URL must be
 * one the outbound address policy lets ingest call: http(s), no user info, and no private or special-purpose address
 * literal unless the operator allow-listed its network (a host name is checked again at every connection).
 */
@Component
public class SourceRequests {

    /** The same rule as a page's {@code source} parameter: the name becomes the articles' source. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_INTERVAL_SECONDS = 7 * 24 * 3600;

    /** The body of POST and PUT; every field is optional in JSON so that a missing one is named, not a 500. */
    public record SourceRequest(@Nullable String name, @Nullable String type, @Nullable String url,
                                @Nullable Integer intervalSeconds, @Nullable Boolean enabled,
                                @Nullable Boolean fetchFullText) {
    }

    private final OutboundAddressPolicy policy;
    private final SourcesProperties properties;

    public SourceRequests(OutboundAddressPolicy policy, SourcesProperties properties) {
        this.policy = policy;
        this.properties = properties;
    }

    public SourceSpec check(@Nullable SourceRequest request) {
        if (request == null) {
            throw invalid(Map.of("body", "send a JSON object with name, type, url and intervalSeconds"));
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (!NAME.matcher(name).matches()) {
            problems.put("name", "1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"
                    + " (e.g. times-ca); it becomes the articles' source");
        }
        Optional<SourceType> type = SourceType.ofWireName(request.type() == null ? "" : request.type());
        if (type.isEmpty()) {
            problems.put("type", "one of feed, front-page, article");
        }
        URI url = checkUrl(request.url(), problems);
        long minimum = Math.max(1, properties.minInterval().toSeconds());
        Integer interval = request.intervalSeconds();
        if (interval == null || interval < minimum || interval > MAX_INTERVAL_SECONDS) {
            problems.put("intervalSeconds", "a whole number of seconds from " + minimum + " to " + MAX_INTERVAL_SECONDS
                    + " (the minimum is steppewire.ingest.sources.min-interval)");
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new SourceSpec(name, type.orElseThrow(), url, interval,
                request.enabled() == null || request.enabled(), request.fetchFullText() != null && request.fetchFullText());
    }

    private @Nullable URI checkUrl(@Nullable String text, Map<String, String> problems) {
        if (text == null || text.isBlank()) {
            problems.put("url", "the address to fetch, e.g. https://example.com/feed.xml");
            return null;
        }
        if (text.length() > MAX_URL_LENGTH) {
            problems.put("url", "at most " + MAX_URL_LENGTH + " characters");
            return null;
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            problems.put("url", "not a valid URL (" + e.getReason() + " at index " + e.getIndex()
                    + "); spaces and other unsafe characters must be percent-encoded");
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.put("url", "must start with http:// or https:// (got " + (scheme.isEmpty() ? "no scheme"
                    : "'" + scheme + ":'") + ")");
            return null;
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            problems.put("url", "must name a host, e.g. https://example.com/feed.xml");
            return null;
        }
        if (url.getRawUserInfo() != null) {
            problems.put("url", "must not carry a user name or password");
            return null;
        }
        Optional<String> refusal = policy.refusal(url);
        if (refusal.isPresent()) {
            problems.put("url", "cannot be fetched: the URL " + refusal.get());
            return null;
        }
        return url;
    }

    private static ProblemException invalid(Map<String, String> problems) {
        List<Map<String, String>> fields = new ArrayList<>();
        problems.forEach((field, fix) -> fields.add(Map.of("field", field, "fix", fix)));
        ProblemException e = new ProblemException(HttpStatus.BAD_REQUEST, "Invalid source",
                "The source cannot be registered as sent: " + String.join("; ", problems.entrySet().stream()
                        .map(p -> p.getKey() + ": " + p.getValue()).toList()) + ".");
        e.with("reason", "invalid_source");
        e.with("fields", fields);
        return e;
    }
}

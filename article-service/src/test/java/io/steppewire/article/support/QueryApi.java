package io.steppewire.article.support;

import io.steppewire.platform.testing.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every endpoint of the query API with its parameters, for the tests that throw hostile values at each one.
 * Requests are built as raw paths, each value percent-encoded as a browser or HTTP client would send it.
 */
public final class QueryApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    public static final String ID = "{id}";
    public static final String PAIR = "{pair}";

    /**
     * @param path       the path, possibly with {@link #ID} or {@link #PAIR}
     * @param parameters its query parameters
     * @param required   parameters sent with a valid value when another one is tried
     */
    public record Endpoint(String path, List<String> parameters, Map<String, String> required) {

        /** The path's variable and the query parameters: everything a caller chooses. */
        public List<String> inputs() {
            return Stream.concat(path.contains(ID) ? Stream.of(ID) : path.contains(PAIR) ? Stream.of(PAIR) : Stream.empty(),
                    parameters.stream()).toList();
        }

        /** A request with valid values only. */
        public String request(String knownId, String knownPair) {
            return request(ID, knownId, knownId, knownPair);
        }

        /** A request with {@code value} as {@code input} and valid values elsewhere. */
        public String request(String input, String value, String knownId, String knownPair) {
            String concrete = path.replace(ID, input.equals(ID) ? encodePathSegment(value) : knownId)
                    .replace(PAIR, input.equals(PAIR) ? encodePathSegment(value) : knownPair);
            StringBuilder query = new StringBuilder();
            required.forEach((name, valid) -> {
                if (!name.equals(input)) {
                    query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encode(valid));
                }
            });
            if (!input.equals(ID) && !input.equals(PAIR)) {
                query.append(query.isEmpty() ? "?" : "&").append(input).append('=').append(encode(value));
            }
            return concrete + query;
        }
    }

    private static final List<String> ARTICLE_FILTERS = List.of("country", "tag", "entity", "source", "from", "to", "q");

    public static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/api/articles", Stream.concat(ARTICLE_FILTERS.stream(), Stream.of("limit", "cursor")).toList(), Map.of()),
            new Endpoint("/api/articles/" + ID, List.of(), Map.of()),
            new Endpoint("/api/facets", ARTICLE_FILTERS, Map.of()),
            // The seeded article's own story: it has no storyId.
            new Endpoint("/api/stories/" + ID, List.of("limit", "cursor"), Map.of()),
            new Endpoint("/api/rates", List.of(), Map.of()),
            new Endpoint("/api/rates/" + PAIR + "/history", List.of("from", "to", "source"), Map.of()),
            new Endpoint("/api/rates/" + PAIR + "/daily", List.of("from", "to", "source"), Map.of()),
            new Endpoint("/api/rates/" + PAIR + "/context", List.of("date"), Map.of("date", "2026-03-14")));

    /** The filters that only select: a hostile value of one of them can match no article. */
    public static final List<String> SELECTING_FILTERS = List.of("country", "tag", "entity", "source");

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Percent-encoding for a path segment: a space is %20 there, not +. */
    public static String encodePathSegment(String value) {
        return encode(value).replace("+", "%20");
    }

    /**
     * Asks every endpoint once, so that the time limit below measures answers, not a cold service's first request
     * (servlet start, store connections, compilation).
     */
    public static void warmUp(int port) throws IOException {
        for (Endpoint endpoint : ENDPOINTS) {
            RawHttp.send(port, "GET", endpoint.request("no-such-article", "KZT-USD"), Map.of(), "");
        }
    }

    /**
     * Sends one request and returns what was wrong with its answer, or null: a status other than 200/400/404, a
     * refusal that is not problem+json, a 200 that selected something for a value that names nothing, or slowness.
     */
    public static String unexpectedAnswer(int port, String request, String input, String value) throws IOException {
        long started = System.nanoTime();
        RawHttp.Answer answer = RawHttp.send(port, "GET", request, Map.of("Accept", "application/json"), "");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String shown = request.length() > 200 ? request.substring(0, 200) + "…" : request;
        if (took.compareTo(ANSWER_WITHIN) > 0) {
            return shown + " took " + took.toMillis() + " ms";
        }
        if (answer.status() == 200) {
            JsonNode body = JSON.readTree(answer.body());
            // Stored countries, tags, entities and sources are written in letters, digits, spaces, dots and dashes.
            boolean namesNothing = !value.strip().chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || " .-".indexOf(c) >= 0));
            if (QueryApi.SELECTING_FILTERS.contains(input) && namesNothing && !body.path("items").isEmpty()) {
                return shown + " selected " + body.path("items").size() + " articles";
            }
            return null;
        }
        if (answer.status() != 400 && answer.status() != 404) {
            return shown + " answered " + answer.status() + ": " + answer.body();
        }
        String type = answer.header("content-type");
        if (type == null || !type.startsWith("application/problem+json") || !answer.body().contains("\"detail\"")) {
            return shown + " answered " + answer.status() + " as " + type + ": " + answer.body();
        }
        return null;
    }

    private QueryApi() {
    }
}

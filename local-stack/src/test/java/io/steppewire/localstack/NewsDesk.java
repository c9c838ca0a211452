package io.steppewire.localstack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What people and tools do with a running steppewire, over its public HTTP APIs only. */
final class NewsDesk {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, String contentType, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingest;
    private final String article;
    private final String notify;
    private final String apiKey;

    NewsDesk(String ingest, String article, String notify, String apiKey) {
        this.ingest = ingest;
        this.article = article;
        this.notify = notify;
        this.apiKey = apiKey;
    }

    Answer postPage(String source, String page) {
        return send(pageRequest(source, page));
    }

    /** Posts a page as part of the caller's W3C trace. */
    Answer postPage(String source, String page, String traceparent) {
        return send(pageRequest(source, page).header("traceparent", traceparent));
    }

    private HttpRequest.Builder pageRequest(String source, String page) {
        return HttpRequest.newBuilder(URI.create(ingest + "/api/pages?source=" + source))
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(page, StandardCharsets.UTF_8));
    }

    Answer subscribe(String subscriptionJson) {
        return send(HttpRequest.newBuilder(URI.create(notify + "/api/subscriptions"))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(subscriptionJson)));
    }

    /** Any request to notify-service with the given key ({@code null}: none) and JSON body ({@code null}: none). */
    Answer notify(String method, String path, String key, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(notify + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        return send(request);
    }

    String notifyUrl() {
        return notify;
    }

    Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Answer getWithKey(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", apiKey).GET());
    }

    List<String> articleTitles() {
        List<String> titles = new ArrayList<>();
        get(article + "/api/articles?limit=100").body().path("items").forEach(a -> titles.add(a.path("title").asString()));
        return titles;
    }

    JsonNode rates() {
        return get(article + "/api/rates").body().path("items");
    }

    String articleUrl() {
        return article;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body);
        } catch (IOException e) {
            throw new IllegalStateException("Request to " + request.build().uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) throws IOException {
        try (var in = NewsDesk.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.steppewire.localstack.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One HTTP client for a whole benchmark, so that its baseline request and its measured ones pay the same client costs. */
final class BenchHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** An answer with its body as text and, when it is JSON, parsed; {@code nanos} from just before sending to the whole body read. */
    record Answer(int status, String text, long nanos) {

        JsonNode json() {
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        }

        Answer requireStatus(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + " answered " + status + " (expected " + expected + "): " + text);
            }
            return this;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiKey;

    BenchHttp(String apiKey) {
        this.apiKey = apiKey;
    }

    Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Answer postJson(String url, String json) {
        return send(jsonPost(url, json));
    }

    /** A POST that starts a W3C trace of its own, for the services to carry on. */
    Answer postJson(String url, String json, String traceparent) {
        return send(jsonPost(url, json).header("traceparent", traceparent));
    }

    private HttpRequest.Builder jsonPost(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    Answer postPage(String url, String page) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/plain; charset=utf-8").header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(page, StandardCharsets.UTF_8)));
    }

    private Answer send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        try {
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - started);
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.steppewire.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Posts the made-up sample pages bundled with the stack to ingest-service, oldest first. */
final class SampleLoader {

    /** A bundled page and the site it stands for. */
    record Sample(String source, String file) {
    }

    /** Oldest first, so that later pages' tickers become rate changes. */
    static final List<Sample> SAMPLES = List.of(
            new Sample("steppe-daily", "steppe-daily-2026-03-13.txt"),
            new Sample("steppe-daily", "steppe-daily-2026-03-14.txt"),
            new Sample("aral-herald", "aral-herald-2026-03-14.txt"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingestUrl;
    private final String apiKey;

    SampleLoader(String ingestUrl, String apiKey) {
        this.ingestUrl = ingestUrl;
        this.apiKey = apiKey;
    }

    List<String> loadBundledSamples() throws IOException, InterruptedException {
        List<String> loaded = new ArrayList<>();
        for (Sample sample : SAMPLES) {
            HttpResponse<String> response = post(sample.source(), read("samples/" + sample.file()));
            if (response.statusCode() != 202) {
                throw new IllegalStateException("ingest-service refused sample " + sample.file() + " with "
                        + response.statusCode() + ": " + response.body());
            }
            loaded.add(sample.file());
        }
        return loaded;
    }

    HttpResponse<String> post(String source, String page) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl + "/api/pages?source=" + source))
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("X-Api-Key", apiKey)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(page, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String read(String resource) throws IOException {
        try (InputStream in = SampleLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing bundled resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

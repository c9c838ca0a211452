package io.steppewire.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the {@link MadeUpSites made-up sites} with the services on a stack's first start, so a newcomer sees
 * polling work without internet: the news site's feed, front page and one article as ingest-service sources, and a
 * fortnight of each bank's official rates fetched by rates-service. Idempotent: a source name already registered is
 * left as it is, and a repeated fetch of official rates publishes nothing new.
 */
final class MadeUpSources {

    /** The made-up news site's sources: name, type, path on the made-up sites, interval, full text. */
    record NewsSource(String name, String type, String path, int intervalSeconds, boolean fetchFullText) {
    }

    static final List<NewsSource> NEWS = List.of(
            new NewsSource("steppe-wire-desk", "feed", MadeUpSites.FEED, 300, true),
            new NewsSource("steppe-wire-front", "front-page", MadeUpSites.FRONT_PAGE, 600, false),
            new NewsSource("aral-news-online", "article", MadeUpSites.ARTICLE, 3600, false));

    /** Banks whose publications are dated, so a range of days can be fetched; the others publish only their latest. */
    static final List<String> DATED_BANKS = List.of("nbk", "cbu", "nbt");
    static final List<String> LATEST_BANKS = List.of("nbkr", "cbt");
    static final int BACKFILL_DAYS = 14;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingestUrl;
    private final String ratesUrl;
    private final String sitesUrl;
    private final String apiKey;

    MadeUpSources(String ingestUrl, String ratesUrl, String sitesUrl, String apiKey) {
        this.ingestUrl = ingestUrl;
        this.ratesUrl = ratesUrl;
        this.sitesUrl = sitesUrl;
        this.apiKey = apiKey;
    }

    /** Registers the news sources; answers one line per source saying what happened. */
    List<String> registerNews() throws IOException, InterruptedException {
        List<String> done = new ArrayList<>();
        for (NewsSource source : NEWS) {
            String body = """
                    {"name": "%s", "type": "%s", "url": "%s", "intervalSeconds": %d, "enabled": true, "fetchFullText": %s}
                    """.formatted(source.name(), source.type(), sitesUrl + source.path(), source.intervalSeconds(), source.fetchFullText());
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(ingestUrl + "/api/sources"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            switch (response.statusCode()) {
                case 201 -> done.add(source.name() + " (" + source.type() + ") registered");
                case 409 -> done.add(source.name() + " (" + source.type() + ") was registered already");
                default -> throw new IllegalStateException("ingest-service refused source " + source.name() + " with "
                        + response.statusCode() + ": " + response.body());
            }
        }
        return done;
    }

    /** Asks rates-service to fetch each bank now, the dated ones for the last fortnight; answers one line per bank. */
    List<String> fetchOfficialRates(LocalDate today) throws IOException, InterruptedException {
        List<String> done = new ArrayList<>();
        for (String bank : DATED_BANKS) {
            done.add(fetch(bank, "?from=" + today.minusDays(BACKFILL_DAYS) + "&to=" + today));
        }
        for (String bank : LATEST_BANKS) {
            done.add(fetch(bank, ""));
        }
        return done;
    }

    private String fetch(String bank, String range) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(ratesUrl + "/api/rates/sources/" + bank + "/fetch" + range))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("rates-service refused to fetch " + bank + " with " + response.statusCode() + ": "
                    + response.body());
        }
        return bank + " fetched";
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.header("X-Api-Key", apiKey).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

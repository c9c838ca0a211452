package io.steppewire.ingest.sources.fetch;

import io.steppewire.ingest.sources.support.Feeds;
import io.steppewire.ingest.sources.support.FixtureServer;
import io.steppewire.ingest.sources.support.FixtureServer.Route;
import io.steppewire.platform.net.OutboundAddressPolicy;
import io.steppewire.platform.net.http.OutboundHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class PoliteFetcherTest {

    private static final String AGENT = "steppewire-ingest/1.0 (+mailto:ops@steppewire.example)";
    private static final Duration GAP = Duration.ofMillis(300);

    private final FixtureServer site = new FixtureServer();
    private final List<OutboundHttp> clients = new ArrayList<>();

    @AfterEach
    void close() {
        site.close();
        clients.forEach(OutboundHttp::close);
    }

    private PoliteFetcher fetcher(OutboundAddressPolicy policy, long maxBytes) {
        OutboundHttp http = OutboundHttp.create(policy, new OutboundHttp.Settings(Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(2), 1024 * 1024, "steppewire"));
        clients.add(http);
        return new PoliteFetcher(http, new HostGates(2, GAP), AGENT, maxBytes, 3, Duration.ofHours(1),
                Clock.systemUTC());
    }

    private PoliteFetcher fetcher() {
        return fetcher(OutboundAddressPolicy.allowing("127.0.0.0/8"), 512 * 1024);
    }

    @Test
    void sendsTheValidatorsBackAndTakesA304AsNotModified() throws Exception {
        site.route("/feed", Route.ok("application/rss+xml", Feeds.bytes("rss2-cdata.xml")).withEtag("\"v1\""));
        PoliteFetcher fetcher = fetcher();

        FetchResult first = fetcher.fetch(site.url("/feed"), Validators.NONE, "*/*");
        assertThat(first).isInstanceOfSatisfying(FetchResult.Fetched.class, f -> assertThat(f.etag()).isEqualTo("\"v1\""));

        FetchResult second = fetcher.fetch(site.url("/feed"), new Validators("\"v1\"", "Sat, 14 Mar 2026 08:00:00 GMT"), "*/*");
        assertThat(second).isInstanceOf(FetchResult.NotModified.class);
        assertThat(site.requests("/feed").getLast().header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(site.requests("/feed").getLast().header("If-Modified-Since")).isEqualTo("Sat, 14 Mar 2026 08:00:00 GMT");
    }

    @Test
    void namesSteppewireAndItsContactAndAsksForGzip() throws Exception {
        site.route("/feed", Route.ok("application/rss+xml", Feeds.bytes("rss2-cdata.xml")).gzipped());

        FetchResult result = fetcher().fetch(site.url("/feed"), Validators.NONE, "application/rss+xml");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class,
                f -> assertThat(f.body()).isEqualTo(Feeds.bytes("rss2-cdata.xml")));
        FixtureServer.Request request = site.requests("/feed").getFirst();
        assertThat(request.header("User-Agent")).isEqualTo(AGENT);
        assertThat(request.header("Accept-Encoding")).contains("gzip");
        assertThat(site.requests("/robots.txt")).hasSize(1);
    }

    @Test
    void followsRedirectsAndResolvesAgainstTheFinalAddress() throws Exception {
        site.route("/old", Route.redirect(301, "/moved/feed"));
        site.route("/moved/feed", Route.ok("application/rss+xml", "<rss/>"));

        FetchResult result = fetcher().fetch(site.url("/old"), Validators.NONE, "*/*");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class,
                f -> assertThat(f.finalUrl()).isEqualTo(site.url("/moved/feed")));
    }

    @Test
    void refusesARedirectIntoAPrivateNetwork() throws Exception {
        site.route("/sneaky", Route.redirect(302, "http://169.254.169.254/latest/meta-data/"));

        FetchResult result = fetcher().fetch(site.url("/sneaky"), Validators.NONE, "*/*");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("refused_address"));
    }

    @Test
    void givesUpOnEndlessRedirects() throws Exception {
        site.route("/loop", Route.redirect(302, "/loop"));

        FetchResult result = fetcher().fetch(site.url("/loop"), Validators.NONE, "*/*");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("too_many_redirects"));
        assertThat(site.requests("/loop")).hasSize(4);
    }

    @Test
    void reportsRateLimitingWithTheRetryAfterAsked() throws Exception {
        site.route("/busy", Route.status(429).withRetryAfter("120"));

        FetchResult result = fetcher().fetch(site.url("/busy"), Validators.NONE, "*/*");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("rate_limited");
            assertThat(f.status()).isEqualTo(429);
            assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        });
    }

    @Test
    void reportsAServerError() throws Exception {
        site.route("/broken", Route.status(500));

        assertThat(fetcher().fetch(site.url("/broken"), Validators.NONE, "*/*"))
                .isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
                    assertThat(f.reason()).isEqualTo("http_status");
                    assertThat(f.status()).isEqualTo(500);
                });
    }

    @Test
    void abandonsASlowAnswerAtTheDeadline() throws Exception {
        site.route("/slow", Route.ok("text/xml", "<rss/>").withDelay(Duration.ofSeconds(5)));

        assertThat(fetcher().fetch(site.url("/slow"), Validators.NONE, "*/*"))
                .isInstanceOfSatisfying(FetchResult.Failed.class, f -> assertThat(f.reason()).isEqualTo("timeout"));
    }

    @Test
    void refusesAnAnswerLargerThanTheLimit() throws Exception {
        site.route("/huge", Route.ok("application/rss+xml", Feeds.large(5_000)));

        assertThat(fetcher(OutboundAddressPolicy.allowing("127.0.0.0/8"), 100_000)
                .fetch(site.url("/huge"), Validators.NONE, "*/*"))
                .isInstanceOfSatisfying(FetchResult.Failed.class, f -> assertThat(f.reason())
                        .as(f.message()).isEqualTo("too_large"));
    }

    @Test
    void fetchesNothingThatRobotsTxtDisallows() throws Exception {
        site.route("/robots.txt", Route.ok("text/plain", "User-agent: steppewire\nDisallow: /private/\n"));
        site.route("/private/feed", Route.ok("application/rss+xml", "<rss/>"));

        FetchResult result = fetcher().fetch(site.url("/private/feed"), Validators.NONE, "*/*");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("robots");
            assertThat(f.message()).contains("disallows /private/feed");
        });
        assertThat(site.requests("/private/feed")).isEmpty();
    }

    @Test
    void waitsWhileRobotsTxtIsUnreachable() throws Exception {
        site.route("/robots.txt", Route.status(503));
        site.route("/feed", Route.ok("application/rss+xml", "<rss/>"));

        assertThat(fetcher().fetch(site.url("/feed"), Validators.NONE, "*/*"))
                .isInstanceOfSatisfying(FetchResult.Failed.class, f -> assertThat(f.reason()).isEqualTo("robots"));
        assertThat(site.requests("/feed")).isEmpty();
    }

    @Test
    void refusesLoopbackUnlessItsNetworkIsAllowed() throws Exception {
        site.route("/feed", Route.ok("application/rss+xml", "<rss/>"));

        assertThat(fetcher(OutboundAddressPolicy.publicOnly(), 1024).fetch(site.url("/feed"), Validators.NONE, "*/*"))
                .isInstanceOfSatisfying(FetchResult.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo("refused_address"));
        assertThat(site.requests()).isEmpty();
    }

    @Test
    void keepsAtMostTwoRequestsPerHostInFlightAndSpacesTheirStarts() throws Exception {
        site.route("/feed", Route.ok("application/rss+xml", "<rss/>").withDelay(Duration.ofMillis(300)));
        PoliteFetcher fetcher = fetcher();
        fetcher.fetch(site.url("/feed"), Validators.NONE, "*/*");

        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<FetchResult>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(callers.submit(() -> fetcher.fetch(site.url("/feed"), Validators.NONE, "*/*")));
            }
            for (Future<FetchResult> call : calls) {
                assertThat(call.get()).isInstanceOf(FetchResult.Fetched.class);
            }
        }

        List<FixtureServer.Request> feeds = site.requests("/feed").stream()
                .sorted(Comparator.comparingLong(FixtureServer.Request::arrivedNanos)).toList();
        assertThat(feeds).hasSize(7).allSatisfy(r -> assertThat(r.inFlight()).isLessThanOrEqualTo(2));
        for (int i = 1; i < feeds.size(); i++) {
            // The gap is kept between starts on our side; a new connection's handshake can delay one arrival a bit.
            assertThat(Duration.ofNanos(feeds.get(i).arrivedNanos() - feeds.get(i - 1).arrivedNanos()))
                    .isGreaterThanOrEqualTo(GAP.minusMillis(100));
        }
    }

    @Test
    void decodesByTheDeclaredCharsetWhenTheHeaderNamesNone() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>Caf\u00e9</title></rss>";
        site.route("/latin", Route.ok("application/xml", xml.getBytes(StandardCharsets.ISO_8859_1)));

        FetchResult result = fetcher().fetch(site.url("/latin"), Validators.NONE, "*/*");

        assertThat(result).isInstanceOfSatisfying(FetchResult.Fetched.class,
                f -> assertThat(f.text()).contains("Caf\u00e9"));
    }
}

package io.steppewire.ingest.sources.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.steppewire.platform.net.AddressRefusedException;
import io.steppewire.platform.net.HostNotResolvedException;
import io.steppewire.platform.net.http.ExchangeDeadlineExceededException;
import io.steppewire.platform.net.http.OutboundHttp;
import io.steppewire.platform.net.http.OutboundResponse;
import io.steppewire.platform.net.http.ResponseTooLargeException;
import org.apache.hc.client5.http.classic.methods.HttpGet;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GETs a source's URL the way a well-behaved crawler does, through the platform's {@link OutboundHttp} (address
 * policy, timeouts, deadline, body limit; it decompresses gzip and asks for it):
 * <ul>
 * <li>robots.txt of every host is read (and cached) before its first page, and a disallowed URL is not fetched;</li>
 * <li>at most a few requests at once and one start per gap per host ({@link HostGates});</li>
 * <li>conditional: the validators of the last answer go along, and a 304 ends the fetch;</li>
 * <li>redirects are followed by new requests, each checked like the first and against its host's robots.txt;</li>
 * <li>a User-Agent naming steppewire and its operator's contact.</li>
 * </ul>
 */
public final class PoliteFetcher {

    /** The name robots.txt groups are matched against. */
    public static final String ROBOT_NAME = "steppewire";

    private static final Duration UNREACHABLE_ROBOTS_RETRY = Duration.ofMinutes(1);

    private record CachedRules(BaseRobotRules rules, Instant until) {
    }

    private final OutboundHttp http;
    private final HostGates gates;
    private final String userAgent;
    private final long maxBodyBytes;
    private final int maxRedirects;
    private final Duration robotsCacheTime;
    private final Clock clock;
    private final SimpleRobotRulesParser robotsParser = new SimpleRobotRulesParser();
    private final ConcurrentHashMap<String, CachedRules> robots = new ConcurrentHashMap<>();

    public PoliteFetcher(OutboundHttp http, HostGates gates, String userAgent, long maxBodyBytes, int maxRedirects,
                         Duration robotsCacheTime, Clock clock) {
        this.http = http;
        this.gates = gates;
        this.userAgent = userAgent;
        this.maxBodyBytes = maxBodyBytes;
        this.maxRedirects = maxRedirects;
        this.robotsCacheTime = robotsCacheTime;
        this.clock = clock;
    }

    /**
     * @param accept what the caller can read, e.g. feed media types
     */
    public FetchResult fetch(URI url, Validators validators, String accept) throws InterruptedException {
        URI current = url;
        for (int hop = 0; hop <= maxRedirects; hop++) {
            Optional<String> refusal = http.policy().refusal(current);
            if (refusal.isPresent()) {
                return new FetchResult.Failed(null, "refused_address", "The URL " + refusal.get(), null);
            }
            Optional<FetchResult.Failed> disallowed;
            try {
                disallowed = robotsRefusal(current);
            } catch (AddressRefusedException e) {
                return new FetchResult.Failed(null, "refused_address", e.getMessage() + "", null);
            } catch (HostNotResolvedException e) {
                return new FetchResult.Failed(null, "unreachable", "The host " + e.host() + " has no address", null);
            }
            if (disallowed.isPresent()) {
                return disallowed.get();
            }
            HttpGet get = new HttpGet(current);
            get.setHeader("User-Agent", userAgent);
            get.setHeader("Accept", accept);
            // Validators belong to the URL they were given for; a redirect target gets none.
            if (hop == 0 && validators.etag() != null) {
                get.setHeader("If-None-Match", validators.etag());
            }
            if (hop == 0 && validators.lastModified() != null) {
                get.setHeader("If-Modified-Since", validators.lastModified());
            }
            OutboundResponse response;
            try (HostGates.Pass pass = gates.enter(authority(current))) {
                response = http.exchange(get, maxBodyBytes);
            } catch (AddressRefusedException e) {
                return new FetchResult.Failed(null, "refused_address", e.getMessage() + "", null);
            } catch (HostNotResolvedException e) {
                return new FetchResult.Failed(null, "unreachable", "The host " + e.host() + " has no address", null);
            } catch (ResponseTooLargeException e) {
                return new FetchResult.Failed(e.status(), "too_large", "The answer is larger than " + maxBodyBytes
                        + " bytes (steppewire.ingest.sources.max-response-size)", null);
            } catch (ExchangeDeadlineExceededException e) {
                return new FetchResult.Failed(null, "timeout", "No complete answer within " + e.deadline()
                        + " (steppewire.outbound.exchange-deadline)", null);
            } catch (IOException e) {
                return new FetchResult.Failed(null, "unreachable", e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
            }
            int status = response.status();
            if (status == 304) {
                return new FetchResult.NotModified(status);
            }
            if (status >= 300 && status < 400) {
                Optional<URI> target = response.redirectTarget(current);
                if (target.isEmpty()) {
                    return new FetchResult.Failed(status, "http_status", "A redirect without a usable Location", null);
                }
                current = target.get();
                continue;
            }
            if (response.isSuccessful()) {
                return new FetchResult.Fetched(current, status, response.body(),
                        response.header("Content-Type").orElse(null), response.header("ETag").orElse(null),
                        response.header("Last-Modified").orElse(null));
            }
            Duration retryAfter = Backoff.parseRetryAfter(response.header("Retry-After").orElse(null), clock.instant());
            String reason = status == 429 || status == 503 ? "rate_limited" : "http_status";
            return new FetchResult.Failed(status, reason, "The source answered HTTP " + status
                    + (retryAfter == null ? "" : " and asked to wait " + retryAfter.toSeconds() + " s"), retryAfter);
        }
        return new FetchResult.Failed(null, "too_many_redirects", "More than " + maxRedirects + " redirects from " + url,
                null);
    }

    private Optional<FetchResult.Failed> robotsRefusal(URI url) throws InterruptedException, AddressRefusedException,
            HostNotResolvedException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            // The address policy refuses it with its own words on the request itself.
            return Optional.empty();
        }
        BaseRobotRules rules = robotsFor(url);
        if (rules.isAllowed(url.toString())) {
            return Optional.empty();
        }
        if (rules.isDeferVisits()) {
            return Optional.of(new FetchResult.Failed(null, "robots", "robots.txt of " + authority(url)
                    + " could not be read; the site is not fetched until it can be", null));
        }
        return Optional.of(new FetchResult.Failed(null, "robots", "robots.txt of " + authority(url)
                + " disallows " + url.getRawPath() + " for " + ROBOT_NAME, null));
    }

    private BaseRobotRules robotsFor(URI url) throws InterruptedException, AddressRefusedException,
            HostNotResolvedException {
        String key = url.getScheme().toLowerCase(Locale.ROOT) + "://" + authority(url);
        Instant now = clock.instant();
        CachedRules cached = robots.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.rules();
        }
        URI robotsUrl = URI.create(key + "/robots.txt");
        BaseRobotRules rules = readRobots(robotsUrl);
        // An unreachable file is asked again soon: the site is not fetched meanwhile.
        Duration keep = rules.isDeferVisits() ? UNREACHABLE_ROBOTS_RETRY : robotsCacheTime;
        robots.put(key, new CachedRules(rules, now.plus(keep)));
        return rules;
    }

    /** RFC 9309: an unavailable file (4xx) allows everything; an unreachable one (5xx, no answer) allows nothing yet. */
    private BaseRobotRules readRobots(URI robotsUrl) throws InterruptedException, AddressRefusedException,
            HostNotResolvedException {
        HttpGet get = new HttpGet(robotsUrl);
        get.setHeader("User-Agent", userAgent);
        get.setHeader("Accept", "text/plain");
        try (HostGates.Pass pass = gates.enter(authority(robotsUrl))) {
            OutboundResponse response = http.exchange(get, 512 * 1024);
            if (response.isSuccessful()) {
                return robotsParser.parseContent(robotsUrl.toString(), response.body(),
                        response.header("Content-Type").orElse("text/plain"), List.of(ROBOT_NAME));
            }
            return robotsParser.failedFetch(response.status() >= 300 && response.status() < 400 ? 404 : response.status());
        } catch (AddressRefusedException | HostNotResolvedException e) {
            // Not the site's robots.txt failing: the site itself may not or cannot be reached.
            throw e;
        } catch (ResponseTooLargeException e) {
            // Only the first 500 KiB count (RFC 9309 asks parsers for at least that); a larger file is broken.
            return robotsParser.failedFetch(404);
        } catch (IOException e) {
            return robotsParser.failedFetch(503);
        }
    }

    /** Forgets cached robots.txt files, e.g. after a site owner changed theirs. */
    public void forgetRobots() {
        robots.clear();
    }

    private static String authority(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return url.getPort() < 0 ? host : host + ":" + url.getPort();
    }
}

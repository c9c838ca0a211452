package io.steppewire.ingest.sources.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A made-up web site on loopback for the fetching tests: each path answers as a {@link Route} says (body, content
 * type, ETag with 304s, status, Retry-After, redirect, delay, gzip), and every request is logged with its headers,
 * its arrival and how many were in flight, so tests can check what the fetcher sent and how politely.
 */
public final class FixtureServer implements AutoCloseable {

    /** One request as the server saw it. */
    public record Request(String path, Map<String, List<String>> headers, long arrivedNanos, long answeredNanos,
                          int inFlight) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** How a path answers. */
    public record Route(int status, byte[] body, String contentType, String etag, String retryAfter, String location,
                       Duration delay, boolean gzip) {

        public static Route ok(String contentType, byte[] body) {
            return new Route(200, body, contentType, null, null, null, Duration.ZERO, false);
        }

        public static Route ok(String contentType, String body) {
            return ok(contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        public static Route status(int status) {
            return new Route(status, new byte[0], "text/plain", null, null, null, Duration.ZERO, false);
        }

        public static Route redirect(int status, String location) {
            return new Route(status, new byte[0], "text/plain", null, null, location, Duration.ZERO, false);
        }

        public Route withEtag(String etag) {
            return new Route(status, body, contentType, etag, retryAfter, location, delay, gzip);
        }

        public Route withRetryAfter(String value) {
            return new Route(status, body, contentType, etag, value, location, delay, gzip);
        }

        public Route withDelay(Duration value) {
            return new Route(status, body, contentType, etag, retryAfter, location, value, gzip);
        }

        public Route gzipped() {
            return new Route(status, body, contentType, etag, retryAfter, location, delay, true);
        }
    }

    private final HttpServer server;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public FixtureServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
        routes.put("/robots.txt", Route.ok("text/plain", "User-agent: *\nAllow: /\n"));
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void route(String path, Route route) {
        routes.put(path, route);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        int concurrent = inFlight.incrementAndGet();
        long arrived = System.nanoTime();
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Route route = routes.getOrDefault(path, Route.status(404));
            if (!route.delay().isZero()) {
                try {
                    Thread.sleep(route.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            requests.add(new Request(path, Map.copyOf(exchange.getRequestHeaders()), arrived, System.nanoTime(),
                    concurrent));
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", route.contentType());
            if (route.etag() != null) {
                headers.set("ETag", route.etag());
                if (route.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
            }
            if (route.retryAfter() != null) {
                headers.set("Retry-After", route.retryAfter());
            }
            if (route.location() != null) {
                headers.set("Location", route.location());
            }
            byte[] body = route.body();
            if (route.gzip()) {
                headers.set("Content-Encoding", "gzip");
                ByteArrayOutputStream zipped = new ByteArrayOutputStream();
                try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                    gzip.write(body);
                }
                body = zipped.toByteArray();
            }
            exchange.sendResponseHeaders(route.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

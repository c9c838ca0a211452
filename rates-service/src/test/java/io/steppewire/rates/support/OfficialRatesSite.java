package io.steppewire.rates.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The banks' sites as tests need them, on a local port: each request, by its path and query, gets the answer a test
 * set for it (a fixture file from {@code src/test/resources/official}, an error, or no answer at all until the site
 * closes), and every request is logged, so a test can tell that a refused fetch never reached a bank. Anything not set
 * is answered 404. Each request is answered on a thread of its own, so a hanging answer holds up nothing else.
 */
public final class OfficialRatesSite implements AutoCloseable {

    private static final int NOT_SET = 404;

    /** What the site answers to one path and query. */
    public record Answer(int status, String contentType, byte[] body, boolean hangs, Map<String, String> headers,
                         Duration byteInterval) {

        public static Answer fixture(String resource, String contentType) {
            return new Answer(200, contentType, fixtureBytes(resource), false, Map.of(), Duration.ZERO);
        }

        public static Answer xml(String resource) {
            return fixture(resource, "text/xml; charset=UTF-8");
        }

        public static Answer json(String resource) {
            return fixture(resource, "application/json");
        }

        public static Answer status(int status) {
            return new Answer(status, "text/html; charset=UTF-8",
                    ("<html><body><h1>" + status + "</h1></body></html>").getBytes(StandardCharsets.UTF_8), false, Map.of(), Duration.ZERO);
        }

        public static Answer text(String contentType, String body) {
            return new Answer(200, contentType, body.getBytes(StandardCharsets.UTF_8), false, Map.of(), Duration.ZERO);
        }

        public static Answer redirect(String location) {
            return new Answer(301, "text/html", new byte[0], false, Map.of("Location", location), Duration.ZERO);
        }

        /**
         * The answer one byte at a time, each after the interval: every read gets data in time, so only a deadline on
         * the whole exchange ends it.
         */
        public static Answer trickling(Answer answer, Duration interval) {
            return new Answer(answer.status(), answer.contentType(), answer.body(), false, answer.headers(), interval);
        }

        /** Sends no status line until the site closes or is reset: a bank that accepted the connection and stalls. */
        public static Answer hanging() {
            return new Answer(200, "text/xml", new byte[0], true, Map.of(), Duration.ZERO);
        }
    }

    /** A fixture file under {@code src/test/resources/official}, e.g. {@code nbk/rates-2026-04-01.xml}. */
    public static byte[] fixtureBytes(String resource) {
        try (InputStream in = OfficialRatesSite.class.getResourceAsStream("/official/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture official/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch released = new CountDownLatch(1);

    private OfficialRatesSite(HttpServer server) {
        this.server = server;
    }

    public static OfficialRatesSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            OfficialRatesSite site = new OfficialRatesSite(server);
            server.createContext("/", site::handle);
            server.setExecutor(site.threads);
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a closing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @param pathAndQuery exactly as requested, e.g. {@code /nbk/get_rates.cfm?fdate=01.04.2026} */
    public OfficialRatesSite answer(String pathAndQuery, Answer answer) {
        answers.put(pathAndQuery, answer);
        return this;
    }

    /** Every request so far, as path and query, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The requests whose path starts so. */
    public List<String> requestsTo(String pathPrefix) {
        return requests.stream().filter(request -> request.startsWith(pathPrefix)).toList();
    }

    /** Forgets every answer and request, and lets hanging answers end. */
    public void reset() {
        answers.clear();
        requests.clear();
        CountDownLatch previous = released;
        released = new CountDownLatch(1);
        previous.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            String target = exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
            requests.add(target);
            Answer answer = answers.get(target);
            if (answer == null) {
                answer = Answer.status(NOT_SET);
            }
            if (answer.hangs()) {
                awaitRelease();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (answer.byteInterval().isZero()) {
                    out.write(answer.body());
                } else {
                    trickle(out, answer);
                }
            }
        }
    }

    private void trickle(OutputStream out, Answer answer) throws IOException {
        for (byte b : answer.body()) {
            out.write(b);
            out.flush();
            if (awaitRelease(answer.byteInterval())) {
                return;
            }
        }
    }

    /** Waits the interval, or less when the site is reset or closed: then true. */
    private boolean awaitRelease(Duration interval) {
        try {
            return released.await(interval.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void awaitRelease() {
        try {
            released.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}

package io.steppewire.article.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The second process of {@link ProjectionBenchmark}: sends each query at a steady rate (open loop: a
 * request leaves every 1/rate seconds whether or not the last one has answered) and prints the
 * latency percentiles. JDK only, so it runs from the test classes alone.
 *
 * <p>Arguments: base URL, requests per second, warm-up seconds, measured seconds, then name=pathAndQuery pairs.
 */
public final class QueryLoadClient {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int warmUpSeconds = Integer.parseInt(args[2]);
        int measuredSeconds = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        for (int i = 4; i < args.length; i++) {
            print(name(args[i]) + " (one at a time)", 0, sequential(http, uri(base, args[i]), 20));
        }
        // Every kind warms up at its rate before any is measured: the compilers were still busy with the paths of the
        // later kinds (half a core) while the first kind was measured, which then had the worst tail.
        for (int i = 4; i < args.length; i++) {
            run(http, uri(base, args[i]), rate, warmUpSeconds, false);
        }
        for (int i = 4; i < args.length; i++) {
            URI uri = uri(base, args[i]);
            run(http, uri, rate, warmUpSeconds, false);
            List<Long> micros = run(http, uri, rate, measuredSeconds, true);
            print(name(args[i]), rate, micros);
            awaitIdle(http, URI.create(base + "/actuator/health"));
        }
    }

    private static final AtomicInteger ERRORS = new AtomicInteger();

    private static String name(String arg) {
        return arg.substring(0, arg.indexOf('='));
    }

    private static URI uri(String base, String arg) {
        return URI.create(base + arg.substring(arg.indexOf('=') + 1));
    }

    /** Requests the server could not keep up with are still queued there; the next query must not wait behind them. */
    private static void awaitIdle(HttpClient http, URI health) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build();
        for (int attempt = 0; attempt < 120; attempt++) {
            long start = System.nanoTime();
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                if (System.nanoTime() - start < 200_000_000L) {
                    return;
                }
            } catch (java.io.IOException e) {
                // still busy
            }
            Thread.sleep(1_000);
        }
    }

    /** Service time without queueing: one request after the other. */
    private static List<Long> sequential(HttpClient http, URI uri, int count) throws Exception {
        ERRORS.set(0);
        List<Long> micros = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    micros.add((System.nanoTime() - start) / 1_000);
                } else {
                    ERRORS.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                ERRORS.incrementAndGet();
            }
        }
        return micros;
    }

    private static List<Long> run(HttpClient http, URI uri, int rate, int seconds, boolean measure) throws InterruptedException {
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        ERRORS.set(0);
        int total = rate * seconds;
        AtomicInteger sent = new AtomicInteger();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        try (ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor()) {
            var done = new java.util.concurrent.CountDownLatch(total);
            ticker.scheduleAtFixedRate(() -> {
                if (sent.getAndIncrement() >= total) {
                    return;
                }
                long start = System.nanoTime();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
                    long took = (System.nanoTime() - start) / 1_000;
                    if (failure != null || response.statusCode() != 200) {
                        if (ERRORS.incrementAndGet() == 1) {
                            System.out.println("first error on " + uri + ": "
                                    + (failure != null ? failure : "HTTP " + response.statusCode()));
                        }
                    } else if (measure) {
                        micros.add(took);
                    }
                    done.countDown();
                });
            }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
            done.await(seconds + 60L, TimeUnit.SECONDS);
            ticker.shutdownNow();
        }
        return micros;
    }

    private static void print(String name, int rate, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println(name + ": no successful requests, errors=" + ERRORS.get());
            return;
        }
        System.out.printf(Locale.ROOT, "%-44s %d req/s  n=%d  errors=%d  p50=%.1f ms  p99=%.1f ms  max=%.1f ms%n", name, rate,
                sorted.size(), ERRORS.get(), pct(sorted, 0.50), pct(sorted, 0.99), sorted.getLast() / 1000.0);
    }

    private static double pct(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private QueryLoadClient() {
    }
}

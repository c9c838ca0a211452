package io.steppewire.localstack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady stream of pages (to ingest-service) and quotes (to rates-service) under one source of its own, from up to
 * {@link #SENDERS} requests at once. It keeps
 * what was accepted (202) and so is expected downstream, what was refused at the door (connection refused, or a
 * documented 503: not expected), what may or may not have gone through (the answer was lost: an in-flight request
 * of a service that was killed), and every other 4xx or 5xx, which no fault may cause.
 */
final class SteadyLoad {

    static final String PAIR = "KZT/USD";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "nu", "ra", "se", "ti", "vo", "za", "be"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String ingest;
    private final String rates;
    private final String apiKey;
    private final String source;
    private final Instant firstQuoteAsOf = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(2));
    private final AtomicInteger sequence = new AtomicInteger();

    final Set<String> acceptedArticleIds = ConcurrentHashMap.newKeySet();
    final Set<String> uncertainTitles = ConcurrentHashMap.newKeySet();
    final Set<Instant> acceptedQuotes = ConcurrentHashMap.newKeySet();
    final Set<Instant> uncertainQuotes = ConcurrentHashMap.newKeySet();
    final List<String> unexpectedAnswers = new CopyOnWriteArrayList<>();
    final AtomicInteger refusedAtTheDoor = new AtomicInteger();
    final AtomicInteger documented503 = new AtomicInteger();

    SteadyLoad(String ingest, String rates, String apiKey, String source) {
        this.ingest = ingest;
        this.rates = rates;
        this.apiKey = apiKey;
        this.source = source;
    }

    String source() {
        return source;
    }

    Instant firstQuoteAsOf() {
        return firstQuoteAsOf;
    }

    int sent() {
        return sequence.get();
    }

    /**
     * At most this many requests at once: a loaded machine answers a request in 100 ms or more, so one sender alone
     * could not keep the long version's 50/s. Three pages at once stay within ingest-service's four concurrent pages
     * (more are answered 429), with room for a recovery probe's page.
     */
    static final int SENDERS = 3;

    /**
     * Sends {@code events} events, half pages and half quotes, at most {@code perSecond}, from a thread of its own
     * that ends when every answer is in.
     */
    Thread start(int events, int perSecond) {
        long interval = Duration.ofSeconds(1).toNanos() / perSecond;
        return Thread.ofPlatform().name("steady-load").start(() -> {
            Semaphore inFlight = new Semaphore(SENDERS);
            try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
                long next = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    inFlight.acquireUninterruptibly();
                    int n = sequence.getAndIncrement();
                    senders.execute(() -> {
                        try {
                            if (n % 2 == 0) {
                                sendPage(n);
                            } else {
                                sendQuote(n);
                            }
                        } finally {
                            inFlight.release();
                        }
                    });
                    next += interval;
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            }
        });
    }

    private void sendPage(int n) {
        String title = "Samarkand Wind Farm " + name(n) + " Begins Selling Power to the Uzbek Grid";
        String page = """
                2 April 2026

                %s

                SAMARKAND – The %s wind farm in the hills west of Samarkand started selling electricity to Uzbekistan’s
                national grid this week, the energy ministry said, after a year of test runs.
                """.formatted(title, name(n));
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingest + "/api/pages?source=" + source))
                .header("Content-Type", "text/plain; charset=utf-8").header("X-Api-Key", apiKey)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(page, StandardCharsets.UTF_8)).build();
        JsonNode accepted = send(request, () -> uncertainTitles.add(title));
        if (accepted != null) {
            accepted.path("articles").forEach(article -> acceptedArticleIds.add(article.path("id").asString()));
        }
    }

    private void sendQuote(int n) {
        Instant asOf = firstQuoteAsOf.plusSeconds(n);
        String rate = "0.00%d".formatted(190 + n % 10);
        String body = """
                {"quotes": [{"pair": "%s", "rate": "%s", "asOf": "%s", "source": "%s"}]}""".formatted(PAIR, rate, asOf, source);
        HttpRequest request = HttpRequest.newBuilder(URI.create(rates + "/api/quotes"))
                .header("Content-Type", "application/json").header("X-Api-Key", apiKey)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        if (send(request, () -> uncertainQuotes.add(asOf)) != null) {
            acceptedQuotes.add(asOf);
        }
    }

    /** The accepted answer's body, or null when not accepted; {@code uncertain} runs when the answer was lost. */
    private JsonNode send(HttpRequest request, Runnable uncertain) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 202) {
                return JSON.readTree(response.body());
            }
            if (status == 503) {
                documented503.incrementAndGet();
            } else {
                unexpectedAnswers.add(request.method() + " " + request.uri() + " -> " + status + " " + response.body());
            }
            return null;
        } catch (ConnectException | HttpConnectTimeoutException refused) {
            refusedAtTheDoor.incrementAndGet();
            return null;
        } catch (IOException lost) {
            // Connection reset mid-request: the service may have committed before it died.
            uncertain.run();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A Title Case word of its own for every event, as page titles have no digits. */
    private static String name(int n) {
        StringBuilder word = new StringBuilder();
        do {
            word.append(SYLLABLES[n % 10]);
            n /= 10;
        } while (n > 0);
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}

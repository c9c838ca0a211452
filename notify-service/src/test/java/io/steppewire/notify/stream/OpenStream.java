package io.steppewire.notify.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An open server-sent event stream whose lines are read on their own thread, so that a test waits for the very
 * line or event it expects, up to its patience, and fails with what it got instead.
 */
final class OpenStream implements AutoCloseable {

    /** One event as read off the wire. */
    record Event(String id, String data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Duration patience;

    private OpenStream(HttpResponse<Stream<String>> response, Duration patience) {
        this.response = response;
        this.patience = patience;
        // Ends when the test closes the body (or the server ends the stream).
        Thread.ofVirtual().name("sse-test-reader").start(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (UncheckedIOException closed) {
                // The test closed the stream.
            }
        });
    }

    static OpenStream open(HttpClient http, HttpRequest request, Duration patience) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new AssertionError("The stream answered " + response.statusCode());
        }
        return new OpenStream(response, patience);
    }

    /** Waits for a comment line containing {@code text}, passing other comments; an event before it fails the test. */
    String awaitComment(String text) throws InterruptedException {
        return nextLine(line -> {
            if (line.startsWith("id:") || line.startsWith("data:")) {
                throw new AssertionError("An event came before the comment '" + text + "': " + line);
            }
            return line.startsWith(":") && line.contains(text);
        }, "a comment with '" + text + "'");
    }

    /** Waits for the next event. */
    Event nextEvent() throws InterruptedException {
        String id = nextLine(line -> line.startsWith("id:"), "an event").substring(3).strip();
        StringBuilder data = new StringBuilder();
        for (String line = nextLine(l -> true, "the rest of event " + id); !line.isEmpty();
             line = nextLine(l -> true, "the rest of event " + id)) {
            if (line.startsWith("data:")) {
                data.append(line.substring(5));
            }
        }
        return new Event(id, data.toString());
    }

    private String nextLine(Predicate<String> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("No " + what + " within " + patience);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}

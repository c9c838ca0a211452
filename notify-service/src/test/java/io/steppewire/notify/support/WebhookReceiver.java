package io.steppewire.notify.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A subscriber's endpoint on loopback: keeps every POST, and can be told to refuse the next few. */
public final class WebhookReceiver implements AutoCloseable {

    /** One POST as received, with the status we answered and its W3C trace context header, if any. */
    public record Received(String id, String timestamp, String signature, String body, int answered, String traceparent) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private volatile boolean abortEvery;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            int status = refusalsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body, status, headers.getFirst("traceparent")));
            if (abortEvery) {
                exchange.getResponseHeaders().add("webhook-delivery", "abort-message");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next {@code count} POSTs are answered 503 Service Unavailable. */
    public void refuseNext(int count) {
        refusalsLeft.set(count);
    }

    /** Every later answer carries {@code webhook-delivery: abort-message}, whatever its status. */
    public void abortEvery(boolean abort) {
        abortEvery = abort;
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    /** POSTs we answered with success. */
    public List<Received> accepted() {
        return received.stream().filter(r -> r.answered() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

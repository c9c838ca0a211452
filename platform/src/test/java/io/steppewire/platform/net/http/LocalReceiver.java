package io.steppewire.platform.net.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on a loopback address that records what reaches it; stands in for a receiver or a source. */
final class LocalReceiver implements AutoCloseable {

    record Received(String method, String path, String userAgent, byte[] body) {
    }

    static final int BIG_BODY_BYTES = 2 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Holds the slow handler until the test ends, so "slow" needs no sleeping. */
    private final CountDownLatch released = new CountDownLatch(1);

    private LocalReceiver(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** On the address, at any free port. */
    static LocalReceiver on(String address) throws IOException {
        return on(address, 0);
    }

    static LocalReceiver on(String address, int port) throws IOException {
        return new LocalReceiver(HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral(address), port), 0));
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("User-Agent"), body));
            switch (path) {
                case "/redirect" -> {
                    exchange.getResponseHeaders().add("Location", "/hook?redirected=1");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/big" -> sendBig(exchange, 0);
                case "/big-declared" -> sendBig(exchange, BIG_BODY_BYTES);
                case "/slow" -> {
                    // Promises a body and sends a little of it, then nothing until the test ends.
                    exchange.sendResponseHeaders(200, 1000);
                    exchange.getResponseBody().write(new byte[10]);
                    exchange.getResponseBody().flush();
                    released.await();
                }
                default -> {
                    byte[] answer = ("received " + path).getBytes();
                    exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code declaredLength} 0 sends the body chunked, without a length. */
    private static void sendBig(HttpExchange exchange, long declaredLength) throws IOException {
        exchange.sendResponseHeaders(200, declaredLength);
        OutputStream out = exchange.getResponseBody();
        byte[] chunk = new byte[64 * 1024];
        for (int sent = 0; sent < BIG_BODY_BYTES; sent += chunk.length) {
            out.write(chunk);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}

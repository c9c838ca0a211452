package io.steppewire.localstack;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook endpoint on loopback that keeps the alert id and event id of every delivery; optionally slow to answer. */
final class AlertReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Set<String> alertIds = ConcurrentHashMap.newKeySet();
    private final Set<String> eventIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger deliveries = new AtomicInteger();

    AlertReceiver(Duration answerAfter) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                Thread.sleep(answerAfter);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            JsonNode alert = JSON.readTree(body);
            alertIds.add(alert.path("alertId").asString());
            eventIds.add(alert.path("eventId").asString());
            deliveries.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Distinct alert ids received. */
    Set<String> alertIds() {
        return Set.copyOf(alertIds);
    }

    Set<String> eventIds() {
        return Set.copyOf(eventIds);
    }

    int deliveries() {
        return deliveries.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

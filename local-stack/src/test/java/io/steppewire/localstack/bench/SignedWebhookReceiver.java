package io.steppewire.localstack.bench;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A subscriber's webhook endpoint on loopback that checks each delivery's Standard Webhooks signature and keeps the
 * moment ({@link System#nanoTime()}) it arrived under a key its body names; a repeat of an alert id keeps the first.
 */
final class SignedWebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final Set<String> alertIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger repeats = new AtomicInteger();

    /** @param keyOfBody what a delivery is kept under, read from its body; {@code null} to keep it under nothing */
    SignedWebhookReceiver(String secret, Function<String, String> keyOfBody) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long arrived = System.nanoTime();
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst("webhook-id");
            if (!signed(secret, id, headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"), body)) {
                badSignatures.incrementAndGet();
            } else if (!alertIds.add(id)) {
                repeats.incrementAndGet();
            } else {
                String key = keyOfBody.apply(body);
                if (key != null) {
                    arrivals.putIfAbsent(key, arrived);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** Standard Webhooks: base64 of HMAC-SHA256 over {@code id.timestamp.body}, after {@code v1,}, among space-separated signatures. */
    static String signature(String secret, String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean signed(String secret, String id, String timestamp, String signatures, String body) {
        return id != null && timestamp != null && signatures != null
                && List.of(signatures.split(" ")).contains(signature(secret, id, timestamp, body));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The arrival ({@link System#nanoTime()}) of the delivery kept under {@code key}, or {@code null}. */
    Long arrival(String key) {
        return arrivals.get(key);
    }

    int badSignatures() {
        return badSignatures.get();
    }

    int repeats() {
        return repeats.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

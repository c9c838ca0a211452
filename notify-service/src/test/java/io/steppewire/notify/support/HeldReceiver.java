package io.steppewire.notify.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver that holds every request unanswered until {@link #release()}, and counts the requests open at
 * once: a request stops counting when it is answered or when the sender gives up and closes the connection, so the
 * count is what the sender really has in flight here. Plain sockets, because only they tell when the sender left.
 */
public final class HeldReceiver implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    /** How long each request is held before its answer, unless {@link #release()} comes first. */
    private final long holdNanos;

    public HeldReceiver() throws IOException {
        this(Duration.ofDays(1));
    }

    /** A slow receiver: answers each request with 204 after {@code answerAfter}. */
    public HeldReceiver(Duration answerAfter) throws IOException {
        holdNanos = answerAfter.toNanos();
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    threads.execute(() -> serve(socket));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    /** Answers every held request, and every later one at once, with 204. */
    public void release() {
        released.countDown();
    }

    /** The most requests that were open here at once. */
    public int mostOpenAtOnce() {
        return mostOpen.get();
    }

    public int openNow() {
        return open.get();
    }

    public int received() {
        return received.get();
    }

    /** The webhook-ids of the requests answered with success. */
    public Set<String> accepted() {
        return Set.copyOf(answered);
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String id = null;
            int length = 0;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
                } else if (lower.startsWith("webhook-id:")) {
                    id = line.substring(line.indexOf(':') + 1).strip();
                }
            }
            in.readNBytes(length);
            received.incrementAndGet();
            mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            boolean held = true;
            try {
                socket.setSoTimeout(20);
                long answerAt = System.nanoTime() + holdNanos;
                while (released.getCount() > 0 && System.nanoTime() - answerAt < 0) {
                    try {
                        if (in.read() == -1) {
                            return;
                        }
                    } catch (SocketTimeoutException stillThere) {
                        // The sender still waits: keep holding.
                    }
                }
                // No longer held once answered: the sender may start its next request as soon as it reads the answer,
                // before this thread gets to count the request closed.
                open.decrementAndGet();
                held = false;
                socket.getOutputStream().write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                if (id != null) {
                    answered.add(id);
                }
            } finally {
                if (held) {
                    open.decrementAndGet();
                }
            }
        } catch (IOException senderLeft) {
            // Closed or reset by the sender: no longer open.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        server.close();
        threads.shutdownNow();
    }
}

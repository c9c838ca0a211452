package io.steppewire.ingest.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A request whose body arrives in two parts: the head and the first part are sent at once, the rest only on
 * {@link #finish()}. Until then the server is inside the request, reading its body; a test holds requests in
 * flight this way without any hook in the service. Sends {@code Connection: close}, so the answer ends with the
 * connection.
 */
public final class HeldUpload implements AutoCloseable {

    private final Socket socket;
    private final byte[] rest;

    private HeldUpload(Socket socket, byte[] rest) {
        this.socket = socket;
        this.rest = rest;
    }

    public static HeldUpload start(int port, String path, Map<String, String> headers, byte[] body, int sentFirst)
            throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Connection: close\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, 0, sentFirst);
        out.flush();
        byte[] rest = new byte[body.length - sentFirst];
        System.arraycopy(body, sentFirst, rest, 0, rest.length);
        return new HeldUpload(socket, rest);
    }

    /** Sends the rest of the body and returns the status of the answer. */
    public int finish() throws IOException {
        socket.getOutputStream().write(rest);
        socket.getOutputStream().flush();
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (answer.isEmpty()) {
            throw new IOException("The server closed the connection without an answer");
        }
        return Integer.parseInt(answer.split(" ", 3)[1]);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

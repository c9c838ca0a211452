package io.steppewire.platform.net.http;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An answer read in full (within the caller's size limit), so nothing is left holding a connection.
 *
 * @param status  the HTTP status code
 * @param headers the response headers, in the order received
 * @param body    the body as received (decompressed if the server compressed it); empty when there was none or it was
 *                not wanted
 */
public record OutboundResponse(int status, List<Header> headers, byte[] body) {

    public OutboundResponse {
        headers = List.copyOf(headers);
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** The first header of that name (case-insensitive). */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getName().equalsIgnoreCase(name)).map(Header::getValue).findFirst();
    }

    /** The body as text in the charset the Content-Type names, UTF-8 when it names none. */
    public String bodyText() {
        Charset charset = header("Content-Type").map(ContentType::parseLenient).map(ContentType::getCharset)
                .orElse(StandardCharsets.UTF_8);
        return new String(body, charset);
    }

    /**
     * Where a redirect points, resolved against the URL that was requested; empty when this is no redirect or its
     * Location is unusable. Redirects are never followed for the caller: one that wants to follow issues a new
     * exchange to this URL, which passes the same checks as the first.
     */
    public Optional<URI> redirectTarget(URI requested) {
        if (status < 300 || status > 399) {
            return Optional.empty();
        }
        return header("Location").flatMap(location -> {
            try {
                return Optional.of(requested.resolve(location.strip()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutboundResponse that && status == that.status && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + headers.hashCode()) + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "OutboundResponse[status=" + status + ", headers=" + headers.size() + ", body=" + body.length + " bytes]";
    }
}

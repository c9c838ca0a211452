package io.steppewire.ingest.sources.fetch;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.Duration;

/** How one polite fetch ended. */
public sealed interface FetchResult {

    /** The HTTP status of the final answer, null when none came. */
    @Nullable Integer status();

    /**
     * A 2xx answer, read whole within the limits.
     *
     * @param finalUrl     where the answer came from after redirects: relative links resolve against it
     * @param etag         the validator to send next time
     * @param lastModified the date to send next time
     */
    record Fetched(URI finalUrl, Integer status, byte[] body, @Nullable String contentType, @Nullable String etag,
                   @Nullable String lastModified) implements FetchResult {

        public String text() {
            return Charsets.decode(body, contentType);
        }
    }

    /** 304: nothing changed since the validators sent; nothing goes downstream. */
    record NotModified(Integer status) implements FetchResult {
    }

    /**
     * No usable answer.
     *
     * @param reason     a short machine-friendly reason, also a metric tag: {@code robots}, {@code refused_address},
     *                   {@code too_large}, {@code timeout}, {@code unreachable}, {@code http_status},
     *                   {@code rate_limited}, {@code too_many_redirects}
     * @param message    what happened, for the operator
     * @param retryAfter the wait the source asked for
     */
    record Failed(@Nullable Integer status, String reason, String message, @Nullable Duration retryAfter)
            implements FetchResult {
    }
}

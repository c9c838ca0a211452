package io.steppewire.events;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C trace context ({@code traceparent}, version 00) as it travels with events: the HTTP edge that accepts a quote
 * or a page starts or continues a trace, every record derived from it carries the same trace id, and a webhook
 * delivery of the resulting alert sends it on, so one quote's path through every service is one trace.
 * <p>
 * Headers whose value is not a valid {@code traceparent} are ignored rather than passed on: a producer outside the
 * project may write anything there.
 *
 * @param traceId  32 lowercase hex digits, not all zero
 * @param parentId 16 lowercase hex digits, not all zero: the span that caused what carries this context
 * @param flags    2 lowercase hex digits (bit 0: sampled)
 */
public record TraceContext(String traceId, String parentId, String flags) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final Pattern VALID = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    /** The context of a {@code traceparent} value; empty when it is not a valid version 00 header. */
    public static Optional<TraceContext> parse(@Nullable String traceparent) {
        if (traceparent == null || !VALID.matcher(traceparent).matches()) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(traceparent.substring(3, 35), traceparent.substring(36, 52), traceparent.substring(53)));
    }

    /** The context a record carries, if any. */
    public static Optional<TraceContext> readFrom(Headers headers) {
        Header header = headers.lastHeader(TRACEPARENT);
        return header == null ? Optional.empty() : parse(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** A step caused by this one: the same trace and flags, a new span id. */
    public TraceContext child() {
        byte[] spanId = new byte[8];
        do {
            ThreadLocalRandom.current().nextBytes(spanId);
        } while (isZero(spanId));
        return new TraceContext(traceId, HexFormat.of().formatHex(spanId), flags);
    }

    public String traceparent() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }

    /** Writes this context into the headers, replacing an earlier {@code traceparent}. */
    public Headers writeTo(Headers headers) {
        headers.remove(TRACEPARENT);
        headers.add(TRACEPARENT, traceparent().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /**
     * Carries the trace of the record {@code from} into the headers {@code to} of a record derived from it: its valid
     * {@code traceparent} and, with it, its {@code tracestate}. Nothing when {@code from} carries no valid context.
     */
    public static Headers carry(Headers from, Headers to) {
        readFrom(from).ifPresent(context -> {
            context.writeTo(to);
            to.remove(TRACESTATE);
            Header state = from.lastHeader(TRACESTATE);
            if (state != null) {
                to.add(TRACESTATE, state.value());
            }
        });
        return to;
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}

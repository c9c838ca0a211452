package io.steppewire.events;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * CloudEvents 1.0 attributes carried in Kafka headers (binary content mode): the payload stays plain
 * JSON and the attributes travel as {@code ce_*} headers.
 *
 * @param id      unique per event; deterministic, so a replay repeats the same id
 * @param source  the service that wrote the event, as a URI reference such as {@code /steppewire/ingest-service}
 * @param type    the event type, see {@link Topic#eventType()}
 * @param time    when the fact happened
 * @param subject what the event is about, e.g. the pair or the article id
 */
public record CloudEvent(String id, String source, String type, Instant time, @Nullable String subject) {

    public static final String SPEC_VERSION = "1.0";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SPECVERSION = "ce_specversion";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    public static CloudEvent of(Topic<?> topic, String id, String source, Instant time, @Nullable String subject) {
        return new CloudEvent(id, source, topic.eventType(), time, subject);
    }

    /** Writes the attributes into the headers, replacing any earlier values. */
    public Headers writeTo(Headers headers) {
        put(headers, ID, id);
        put(headers, SOURCE, source);
        put(headers, TYPE, type);
        put(headers, TIME, UtcInstants.format(time));
        put(headers, SPECVERSION, SPEC_VERSION);
        put(headers, CONTENT_TYPE, JSON);
        if (subject != null) {
            put(headers, SUBJECT, subject);
        }
        return headers;
    }

    /** Reads the attributes of a record; empty when a required attribute is missing or malformed. */
    public static Optional<CloudEvent> readFrom(Headers headers) {
        String id = text(headers, ID);
        String source = text(headers, SOURCE);
        String type = text(headers, TYPE);
        String time = text(headers, TIME);
        if (id == null || source == null || type == null || time == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CloudEvent(id, source, type, Instant.parse(time), text(headers, SUBJECT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package io.steppewire.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The one JSON mapping of event payloads. Decimals travel as strings so that a rate keeps the
 * number of decimals it was quoted with ({@code "0.00200"} stays five decimals); dates and
 * instants travel as ISO-8601 text.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = withJacksonInstants().rebuild()
            .addModule(new SimpleModule("utc-instants")
                    .addDeserializer(Instant.class, new UtcInstants.Deserializer(InstantDeserializer.INSTANT))
                    .addSerializer(Instant.class, new UtcInstants.Serializer()))
            .build();

    /** The same mapping with Jackson's own instant parsing and writing only: what {@link UtcInstants} must agree with. */
    static JsonMapper withJacksonInstants() {
        return JsonMapper.builder()
                .withConfigOverride(BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
                .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /** Immutable and thread-safe: share it freely. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    private EventJson() {
    }
}

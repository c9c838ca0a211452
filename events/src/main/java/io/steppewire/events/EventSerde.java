package io.steppewire.events;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON serde of one payload record. Stateless: each topic hands out its own instance and nothing
 * about it can be changed after construction.
 */
public final class EventSerde<V> implements Serde<V>, Serializer<V>, Deserializer<V> {

    private final JsonMapper mapper;
    private final Class<V> type;

    public EventSerde(Class<V> type) {
        this(EventJson.mapper(), type);
    }

    /** With another mapping, for tests that compare mappings. */
    EventSerde(JsonMapper mapper, Class<V> type) {
        this.mapper = mapper;
        this.type = type;
    }

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable V data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw new SerializationException("Cannot write " + type.getSimpleName() + " for " + topic, e);
        }
    }

    @Override
    public @Nullable V deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.readValue(data, type);
        } catch (JacksonException e) {
            throw new SerializationException("Record on " + topic + " is not a valid " + type.getSimpleName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the mapping is fixed by EventJson.
    }

    @Override
    public void close() {
        // Holds no resources.
    }

    @Override
    public Serializer<V> serializer() {
        return this;
    }

    @Override
    public Deserializer<V> deserializer() {
        return this;
    }

    public Class<V> type() {
        return type;
    }
}

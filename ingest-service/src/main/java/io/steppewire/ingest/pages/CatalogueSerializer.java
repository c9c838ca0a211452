package io.steppewire.ingest.pages;

import io.steppewire.events.EventSerde;
import io.steppewire.events.Topic;
import io.steppewire.events.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Serialises each record with the serde the topic catalogue names for its topic, so one transactional
 * producer can write articles and quotes while the catalogue stays the only source of serdes.
 */
public final class CatalogueSerializer implements Serializer<Object> {

    private final Map<String, EventSerde<?>> serdes = Topics.all().stream()
            .collect(Collectors.toUnmodifiableMap(Topic::name, Topic::valueSerde, (a, b) -> a));

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable Object data) {
        EventSerde<?> serde = serdes.get(topic);
        if (serde == null) {
            throw new SerializationException("Topic " + topic + " is not in the events catalogue");
        }
        return write(serde, topic, data);
    }

    @SuppressWarnings("unchecked")
    private static <V> byte @Nullable [] write(EventSerde<V> serde, String topic, @Nullable Object data) {
        if (data != null && !serde.type().isInstance(data)) {
            throw new SerializationException("Topic " + topic + " takes " + serde.type().getSimpleName()
                    + ", not " + data.getClass().getSimpleName());
        }
        return serde.serialize(topic, (V) data);
    }
}

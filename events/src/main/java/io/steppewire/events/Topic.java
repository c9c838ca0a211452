package io.steppewire.events;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One entry of the topic catalogue: the name, the key and value serdes and the CloudEvents type of
 * its payload, kept together so that producers and consumers cannot disagree.
 *
 * @param name       the versioned topic name
 * @param valueType  the payload record
 * @param eventType  the CloudEvents {@code ce_type} of every record on the topic
 * @param keyMeaning what the record key holds, for people reading the catalogue
 * @param schema     the class-path resource of the payload's JSON Schema
 */
public record Topic<V>(String name, Class<V> valueType, String eventType, String keyMeaning, String schema) {

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** The dead-letter companion that takes records a consumer could not process. */
    public String deadLetterName() {
        return name + DEAD_LETTER_SUFFIX;
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public EventSerde<V> valueSerde() {
        return new EventSerde<>(valueType);
    }
}

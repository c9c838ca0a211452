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
 * @param storage    retention and largest record, the same for every service that creates the topic
 */
public record Topic<V>(String name, Class<V> valueType, String eventType, String keyMeaning, String schema,
                       TopicStorage storage) {

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** The dead-letter companion that takes records a consumer could not process. */
    public String deadLetterName() {
        return name + DEAD_LETTER_SUFFIX;
    }

    /**
     * How the dead-letter companion is kept: for good, until an operator redrives or drops its records, and with
     * room for the largest record of the topic plus the headers that say why it failed.
     */
    public TopicStorage deadLetterStorage() {
        return TopicStorage.keepForever(storage.maxRecordBytes() + DEAD_LETTER_HEADROOM_BYTES);
    }

    /** Room for the failure headers (cause, stack trace, origin) a dead letter carries beyond its original. */
    public static final int DEAD_LETTER_HEADROOM_BYTES = 64 * 1024;

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public EventSerde<V> valueSerde() {
        return new EventSerde<>(valueType);
    }
}

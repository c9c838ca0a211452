package io.steppewire.platform.kafka;

import io.steppewire.events.Topic;

import java.util.List;

/**
 * What a service makes sure exists on the broker: the topics it writes, each with its dead-letter companion,
 * and the dead-letter companions of the topics it consumes. Declared as a bean by each service; the platform
 * creates them all from the catalogue's settings, so two services creating one topic cannot disagree.
 *
 * @param written  topics this service writes
 * @param consumed topics this service consumes (only their dead-letter companions are created)
 */
public record CreatedTopics(List<Topic<?>> written, List<Topic<?>> consumed) {

    public static CreatedTopics writing(Topic<?>... topics) {
        return new CreatedTopics(List.of(topics), List.of());
    }

    public CreatedTopics consuming(Topic<?>... topics) {
        return new CreatedTopics(written, List.of(topics));
    }
}

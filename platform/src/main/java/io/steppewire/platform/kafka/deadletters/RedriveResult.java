package io.steppewire.platform.kafka.deadletters;

/**
 * @param topic     the topic the dead letters went back to
 * @param redriven  how many were written to it (acknowledged by Kafka)
 * @param skipped   selected dead letters that did not come from this topic, left where they are
 */
public record RedriveResult(String topic, int redriven, int skipped) {
}

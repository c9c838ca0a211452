package io.steppewire.notify.alerting;

import io.steppewire.events.TraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A polled batch is handled at once, yet a failing or unreadable record is reported alone, as with one record at a time. */
class EventListenersTest {

    private final List<List<String>> raised = new ArrayList<>();

    private void raise(List<TracedEvent<String>> events) {
        raised.add(events.stream().map(TracedEvent::event).toList());
    }

    @Test
    void aBatchIsRaisedInOneCall() {
        EventListeners.handle(List.of(record(0, "a"), record(1, "b")), this::raise);

        assertThat(raised).containsExactly(List.of("a", "b"));
    }

    @Test
    void theRecordsBeforeAnUnreadableOneAreRaisedAndItIsReported() {
        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> EventListeners.handle(List.of(record(0, "a"), record(1, null), record(2, "c")), this::raise));

        assertThat(raised).containsExactly(List.of("a"));
        assertThat(failure.getRecord()).isNotNull();
        assertThat(failure.getRecord().offset()).isEqualTo(1);
    }

    @Test
    void whenTheBatchFailsTheFirstRecordThatFailsAloneIsReported() {
        Consumer<List<TracedEvent<String>>> failsOnB = events -> {
            if (events.stream().anyMatch(e -> e.event().equals("b"))) {
                throw new IllegalStateException("store unavailable");
            }
            raise(events);
        };

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> EventListeners.handle(List.of(record(0, "a"), record(1, "b"), record(2, "c")), failsOnB));

        assertThat(failure.getRecord().offset()).isEqualTo(1);
        assertThat(failure.getCause()).hasMessage("store unavailable");
        assertThat(raised).containsExactly(List.of("a"));
    }

    @Test
    void eachEventKeepsTheValidTraceContextOfItsRecordAndNoOther() {
        ConsumerRecord<String, @Nullable String> traced = record(0, "a");
        traced.headers().add(TraceContext.TRACEPARENT,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, @Nullable String> forged = record(1, "b");
        forged.headers().add(TraceContext.TRACEPARENT, "00-not-a-trace".getBytes(StandardCharsets.UTF_8));
        List<TracedEvent<String>> handed = new ArrayList<>();

        EventListeners.handle(List.of(traced, forged, record(2, "c")), handed::addAll);

        assertThat(handed).extracting(TracedEvent::trace)
                .containsExactly(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow(), null, null);
    }

    private static ConsumerRecord<String, @Nullable String> record(long offset, @Nullable String value) {
        return new ConsumerRecord<>("news.articles.v1", 0, offset, "key-" + offset, value);
    }
}

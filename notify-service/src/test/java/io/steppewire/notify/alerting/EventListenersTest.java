package io.steppewire.notify.alerting;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A polled batch is handled at once, yet a failing or unreadable record is reported alone, as with one record at a time. */
class EventListenersTest {

    private final List<List<String>> raised = new ArrayList<>();

    @Test
    void aBatchIsRaisedInOneCall() {
        EventListeners.handle(List.of(record(0, "a"), record(1, "b")), raised::add);

        assertThat(raised).containsExactly(List.of("a", "b"));
    }

    @Test
    void theRecordsBeforeAnUnreadableOneAreRaisedAndItIsReported() {
        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> EventListeners.handle(List.of(record(0, "a"), record(1, null), record(2, "c")), raised::add));

        assertThat(raised).containsExactly(List.of("a"));
        assertThat(failure.getRecord()).isNotNull();
        assertThat(failure.getRecord().offset()).isEqualTo(1);
    }

    @Test
    void whenTheBatchFailsTheFirstRecordThatFailsAloneIsReported() {
        Consumer<List<String>> failsOnB = events -> {
            if (events.contains("b")) {
                throw new IllegalStateException("store unavailable");
            }
            raised.add(events);
        };

        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> EventListeners.handle(List.of(record(0, "a"), record(1, "b"), record(2, "c")), failsOnB));

        assertThat(failure.getRecord().offset()).isEqualTo(1);
        assertThat(failure.getCause()).hasMessage("store unavailable");
        assertThat(raised).containsExactly(List.of("a"));
    }

    private static ConsumerRecord<String, @Nullable String> record(long offset, @Nullable String value) {
        return new ConsumerRecord<>("news.articles.v1", 0, offset, "key-" + offset, value);
    }
}

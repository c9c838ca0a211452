package io.steppewire.events;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTest {

    private static final String CALLER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsTheCallersTraceparent() {
        TraceContext context = TraceContext.parse(CALLER).orElseThrow();

        assertThat(context.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.flags()).isEqualTo("01");
        assertThat(context.traceparent()).isEqualTo(CALLER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n"})
    void ignoresWhatIsNotAVersionZeroTraceparent(String value) {
        assertThat(TraceContext.parse(value)).isEmpty();
    }

    @Test
    void aChildKeepsTheTraceAndFlagsWithANewSpan() {
        TraceContext parent = TraceContext.parse(CALLER).orElseThrow();

        TraceContext child = parent.child();

        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.flags()).isEqualTo(parent.flags());
        assertThat(child.parentId()).matches("[0-9a-f]{16}").isNotEqualTo(parent.parentId()).isNotEqualTo("0000000000000000");
        assertThat(TraceContext.parse(child.traceparent())).contains(child);
    }

    @Test
    void aDerivedRecordCarriesTheTraceAndItsState() {
        Headers quote = new RecordHeaders().add(TraceContext.TRACEPARENT, CALLER.getBytes(StandardCharsets.UTF_8))
                .add(TraceContext.TRACESTATE, "vendor=abc".getBytes(StandardCharsets.UTF_8));
        Headers change = new RecordHeaders().add(TraceContext.TRACEPARENT, "stale".getBytes(StandardCharsets.UTF_8));

        TraceContext.carry(quote, change);

        assertThat(TraceContext.readFrom(change)).map(TraceContext::traceparent).contains(CALLER);
        assertThat(change.headers(TraceContext.TRACEPARENT)).hasSize(1);
        assertThat(new String(change.lastHeader(TraceContext.TRACESTATE).value(), StandardCharsets.UTF_8)).isEqualTo("vendor=abc");
    }

    @Test
    void aRecordWithoutValidContextPassesNothingOn() {
        Headers hostile = new RecordHeaders().add(TraceContext.TRACEPARENT, "00-xyz".getBytes(StandardCharsets.UTF_8))
                .add(TraceContext.TRACESTATE, "vendor=abc".getBytes(StandardCharsets.UTF_8));

        Headers derived = TraceContext.carry(hostile, new RecordHeaders());

        assertThat(derived.toArray()).isEmpty();
    }
}

package io.steppewire.rates.stream;

import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateQuoted;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where a quote was read on {@code fx.quotes.v1}. A quote that a writer keyed otherwise than by its pair reaches the
 * change detector through the repartition topic, whose position names no record an operator can find, and which a
 * redrive of the quote topic's dead letters does not send back. So its place on the quote topic travels with it in
 * {@value #HEADER}, which never leaves the topology: changes get headers of their own, dead letters lose it.
 */
record QuoteOrigin(String topic, int partition, long offset) {

    /** {@code <topic>/<partition>/<offset>}, set before the repartition topic. */
    static final String HEADER = "steppewire_quote_origin";

    /** Stamps each quote with where it was read, before it leaves for the repartition topic. */
    static final class Stamp implements FixedKeyProcessor<String, RateQuoted, RateQuoted> {

        @SuppressWarnings("NullAway.Init") // set in init(), before the first record
        private FixedKeyProcessorContext<String, RateQuoted> context;

        @Override
        public void init(FixedKeyProcessorContext<String, RateQuoted> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, RateQuoted> record) {
            Optional<RecordMetadata> readFrom = context.recordMetadata();
            if (readFrom.isEmpty()) {
                context.forward(record);
                return;
            }
            Headers headers = new RecordHeaders(record.headers().toArray());
            // A header of that name from a producer is not trusted: replaced here, ignored on the direct path.
            headers.remove(HEADER);
            RecordMetadata position = readFrom.get();
            headers.add(HEADER, (position.topic() + "/" + position.partition() + "/" + position.offset())
                    .getBytes(StandardCharsets.UTF_8));
            context.forward(record.withHeaders(headers));
        }
    }

    /**
     * The quote's place on the quote topic: where it was read when that is the quote topic, else where it was stamped
     * before the repartition topic, else where it was read.
     */
    static Optional<QuoteOrigin> of(Headers headers, Optional<RecordMetadata> readFrom) {
        Optional<QuoteOrigin> read = readFrom.map(meta -> new QuoteOrigin(meta.topic(), meta.partition(), meta.offset()));
        if (read.isPresent() && read.get().topic().equals(Topics.QUOTES.name())) {
            return read;
        }
        Optional<QuoteOrigin> stamped = parse(headers.lastHeader(HEADER));
        return stamped.isPresent() ? stamped : read;
    }

    private static Optional<QuoteOrigin> parse(@Nullable Header header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = new String(header.value(), StandardCharsets.UTF_8).split("/");
        try {
            return parts.length == 3 ? Optional.of(new QuoteOrigin(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2])))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

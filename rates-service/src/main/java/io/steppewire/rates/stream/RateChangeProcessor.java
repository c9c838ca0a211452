package io.steppewire.rates.stream;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topics;
import io.steppewire.events.TraceContext;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.rates.change.ChangeDecision;
import io.steppewire.rates.change.DetectRateChange;
import io.steppewire.rates.change.QuoteIntegrity;
import io.steppewire.rates.change.QuoteOutcome;
import io.steppewire.rates.change.ReferenceKey;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Keeps the last quote per pair and source and turns each newer quote into a change. Runs once per
 * stream task; the store is the task's partition of the changelogged state.
 */
final class RateChangeProcessor implements Processor<String, RateQuoted, String, Routed> {

    static final String CE_SOURCE = "/steppewire/rates-service";

    private static final Logger log = LoggerFactory.getLogger(RateChangeProcessor.class);

    private final DetectRateChange detect;
    private final QuoteMetrics metrics;
    private final Clock clock;
    private final String applicationId;
    @SuppressWarnings("NullAway.Init") // set in init(), before the first record
    private ProcessorContext<String, Routed> context;
    @SuppressWarnings("NullAway.Init")
    private KeyValueStore<String, RateQuoted> lastQuotes;

    RateChangeProcessor(DetectRateChange detect, QuoteMetrics metrics, Clock clock, String applicationId) {
        this.detect = detect;
        this.metrics = metrics;
        this.clock = clock;
        this.applicationId = applicationId;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.lastQuotes = context.getStateStore(RateChangeTopology.LAST_QUOTES_STORE);
    }

    @Override
    public void process(Record<String, RateQuoted> record) {
        RateQuoted quote = record.value();
        Optional<String> problem = QuoteIntegrity.problemWith(quote);
        if (problem.isPresent() || quote == null) {
            reject(record, problem.orElse("no value"), null);
            return;
        }
        String referenceKey = ReferenceKey.of(quote.pair(), quote.source());
        ChangeDecision decision;
        try {
            decision = detect.apply(lastQuotes.get(referenceKey), quote, clock.instant());
        } catch (RuntimeException e) {
            // Deterministic for this record: retrying cannot help, so it goes aside instead of stopping the pair.
            reject(record, "cannot compare quote " + quote.quoteId() + ": " + e.getMessage(), e);
            return;
        }
        if (decision.keep() != null) {
            lastQuotes.put(referenceKey, decision.keep());
        }
        metrics.recordOutcome(decision.outcome());
        RateChanged change = decision.change();
        if (change != null) {
            Headers headers = CloudEvent.of(Topics.RATE_CHANGES, change.changeId(), CE_SOURCE,
                    change.current().asOf(), change.pair()).writeTo(new RecordHeaders());
            // The change belongs to the trace of the quote that made it.
            TraceContext.carry(record.headers(), headers);
            context.forward(record.withKey(change.pair()).withValue((Routed) new Routed.Change(change)).withHeaders(headers));
            metrics.recordChange(change);
        }
    }

    private void reject(Record<String, RateQuoted> record, String reason, @Nullable Exception cause) {
        metrics.recordOutcome(QuoteOutcome.REJECTED);
        Headers headers = new RecordHeaders(record.headers().toArray());
        put(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE, reason.getBytes(StandardCharsets.UTF_8));
        put(headers, DeadLetterPolicy.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        put(headers, KafkaHeaders.DLT_EXCEPTION_FQCN, (cause == null ? QuoteIntegrity.class : cause.getClass())
                .getName().getBytes(StandardCharsets.UTF_8));
        put(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, applicationId.getBytes(StandardCharsets.UTF_8));
        put(headers, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        Optional<QuoteOrigin> origin = QuoteOrigin.of(headers, context.recordMetadata());
        headers.remove(QuoteOrigin.HEADER);
        origin.ifPresent(place -> {
            put(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC, place.topic().getBytes(StandardCharsets.UTF_8));
            put(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(place.partition()).array());
            put(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(place.offset()).array());
        });
        log.warn("Quote sent to {}: {} (from {})", Topics.QUOTES.deadLetterName(), reason,
                origin.map(o -> o.topic() + "-" + o.partition() + "@" + o.offset()).orElse("unknown position"));
        context.forward(record.withValue((Routed) new Routed.Rejected(record.value())).withHeaders(headers));
    }

    private static void put(Headers headers, String name, byte[] value) {
        headers.remove(name);
        headers.add(name, value);
    }
}

package io.steppewire.rates.stream;

import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.rates.change.DetectRateChange;
import io.steppewire.rates.change.QuoteIntegrity;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Clock;
import java.util.Map;

/**
 * quotes -> (re-keyed by pair when a writer keyed them otherwise) -> change detector with the last
 * quote per pair and source -> rate changes, or the quotes' dead-letter topic.
 */
public final class RateChangeTopology {

    /**
     * One small entry per pair and source, in a persistent (RocksDB) store and changelogged, so it is restored
     * after a restart and moves with its partition when instances scale; the cache folds the many
     * writes per commit interval into one changelog record per key. Persistent rather than in memory because
     * Kafka Streams keeps its process id in the state directory only for an application with a persistent
     * store: with it, an instance restarted after a crash has the same transactional ids and fences the dead
     * one's open transaction at once, instead of waiting for it to time out (10 s) before its stream runs. Entries are in {@link LastQuoteSerde}'s
     * binary form, which is cheap to read and write for every quote.
     */
    public static final String LAST_QUOTES_STORE = "last-quote-per-pair-and-source";

    private static final String KEYED = "quotes-keyed-";
    private static final String BY_PAIR = "by-pair";
    private static final String OTHERWISE = "otherwise";
    private static final String ROUTED = "routed-";

    /** Adds the topology to the builder and returns the quotes as the detector sees them, keyed by pair. */
    public static KStream<String, RateQuoted> addTo(StreamsBuilder builder, DetectRateChange detect, QuoteMetrics metrics, Clock clock,
                             String applicationId) {
        Serde<String> keys = Topics.QUOTES.keySerde();
        Serde<RateQuoted> quotes = Topics.QUOTES.valueSerde();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LAST_QUOTES_STORE), keys, new LastQuoteSerde()).withCachingEnabled().withLoggingEnabled(Map.of()));

        KStream<String, RateQuoted> inbound = builder.stream(Topics.QUOTES.name(),
                Consumed.with(keys, quotes).withName("read-quotes"));
        // Records the detector will reject anyway need no re-keying; well-keyed ones take the direct path.
        Map<String, KStream<String, RateQuoted>> byKey = inbound.split(Named.as(KEYED))
                .branch((key, quote) -> quote == null || quote.pair() == null || QuoteIntegrity.isKeyedByPair(key, quote),
                        Branched.as(BY_PAIR))
                .defaultBranch(Branched.as(OTHERWISE));
        // Only the re-keyed quotes need their place on the quote topic carried along: the others are read from it.
        KStream<String, RateQuoted> rekeyed = byKey.get(KEYED + OTHERWISE)
                .processValues(QuoteOrigin.Stamp::new, Named.as("remember-origin"))
                .selectKey((key, quote) -> quote.pair(), Named.as("key-by-pair"))
                .repartition(Repartitioned.with(keys, quotes).withName("quotes-by-pair"));
        KStream<String, RateQuoted> keyedByPair = byKey.get(KEYED + BY_PAIR).merge(rekeyed, Named.as("all-quotes-by-pair"));

        KStream<String, Routed> routed = keyedByPair.process(
                () -> new RateChangeProcessor(detect, metrics, clock, applicationId),
                Named.as("detect-rate-changes"), LAST_QUOTES_STORE);

        routed.split(Named.as(ROUTED))
                .branch((key, route) -> route instanceof Routed.Change, Branched.withConsumer(changes -> changes
                        .mapValues(route -> ((Routed.Change) route).change(), Named.as("unwrap-change"))
                        .to(Topics.RATE_CHANGES.name(), Produced.with(Topics.RATE_CHANGES.keySerde(),
                                Topics.RATE_CHANGES.valueSerde()).withName("publish-rate-changes")), "changes"))
                .defaultBranch(Branched.withConsumer(rejects -> rejects
                        .mapValues(route -> ((Routed.Rejected) route).quote(), Named.as("unwrap-rejected"))
                        .to(Topics.QUOTES.deadLetterName(), Produced.with(keys, quotes).withName("dead-letter-quotes")),
                        "rejects"));
        return keyedByPair;
    }

    private RateChangeTopology() {
    }
}

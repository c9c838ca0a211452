package io.steppewire.rates.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.Direction;
import io.steppewire.events.fx.MoveBasis;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.platform.kafka.DeadLetterPolicy;
import io.steppewire.rates.change.DetectRateChange;
import io.steppewire.rates.change.ImpliedPrevious;
import io.steppewire.rates.change.QuoteIntegrity;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.kafka.support.KafkaHeaders;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The rules of the rate-change topology, one story each, on Kafka's own test driver. */
class RateChangeTopologyTest {

    private static final Instant MONDAY = Instant.parse("2026-03-09T00:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant WEDNESDAY = Instant.parse("2026-03-11T00:00:00Z");
    private static final Instant DETECTED = Instant.parse("2026-03-11T09:30:00Z");
    private static final String STEPPE_DAILY = "steppe-daily";
    private static final String BAZAAR_BULLETIN = "bazaar-bulletin";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** What the production handler hands to the dead-letter recoverer: records that cannot be read as quotes. */
    private final List<Exception> unreadable = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, RateQuoted> quotes;
    private TestInputTopic<String, String> rawQuotes;
    private TestOutputTopic<String, RateChanged> changes;
    private TestOutputTopic<String, RateQuoted> deadLetters;

    @BeforeEach
    void startDriver() {
        StreamsBuilder builder = new StreamsBuilder();
        RateChangeTopology.addTo(builder, new DetectRateChange(new BigDecimal("1.0")), new QuoteMetrics(registry),
                Clock.fixed(DETECTED, ZoneOffset.UTC), "rates-service");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "rates-service-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.putAll(RateChangeStreamConfiguration.unreadableRecordsGoTo((record, failure) -> unreadable.add(failure)));
        driver = new TopologyTestDriver(builder.build(), config);
        quotes = driver.createInputTopic(Topics.QUOTES.name(), new StringSerializer(), Topics.QUOTES.valueSerde().serializer());
        rawQuotes = driver.createInputTopic(Topics.QUOTES.name(), new StringSerializer(), new StringSerializer());
        changes = driver.createOutputTopic(Topics.RATE_CHANGES.name(), new StringDeserializer(),
                Topics.RATE_CHANGES.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.QUOTES.deadLetterName(), new StringDeserializer(),
                Topics.QUOTES.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void firstQuoteOfAPairAndSourceWithoutAReportedMoveEmitsNothing() {
        send(tenge("0.00201", MONDAY, STEPPE_DAILY));

        assertThat(changes.isEmpty()).isTrue();
        assertThat(outcomeCount("first")).isEqualTo(1.0);
    }

    @Test
    void theFirstQuoteOfASourceThatReportsAMoveIsPublishedAsAChangeFromTheRateItImplies() {
        RateQuoted monday = somoni("0.09410", "-1.5", MONDAY);
        send(monday);
        send(monday);
        send(somoni("0.09300", null, TUESDAY));

        List<TestRecord<String, RateChanged>> records = changes.readRecordsToList();
        assertThat(records).hasSize(2);
        TestRecord<String, RateChanged> reported = records.getFirst();
        assertThat(reported.key()).isEqualTo("TJS/USD");
        RateChanged change = reported.value();
        assertThat(change.previous().quoteId()).startsWith(ImpliedPrevious.ID_PREFIX);
        assertThat(change.previous().asOf()).isEqualTo(MONDAY);
        assertThat(change.current().quoteId()).isEqualTo(monday.quoteId());
        assertThat(change.computedChangePct().lowPct()).isEqualByComparingTo("-1.5605");
        assertThat(change.computedChangePct().highPct()).isEqualByComparingTo("-1.4395");
        assertThat(change.assessment().basis()).isEqualTo(MoveBasis.REPORTED_AND_COMPUTED);
        assertThat(change.assessment().direction()).isEqualTo(Direction.DOWN);
        assertThat(CloudEvent.readFrom(reported.headers()).orElseThrow().id()).isEqualTo(change.changeId());
        assertThat(records.get(1).value().previous().quoteId()).as("the next quote compares with the real one")
                .isEqualTo(monday.quoteId());
        assertThat(outcomeCount("first_reported_move")).isEqualTo(1.0);
        assertThat(outcomeCount("duplicate")).isEqualTo(1.0);
        assertThat(registry.get(QuoteMetrics.CHANGES_PUBLISHED).tag("big", "true").counter().count()).isEqualTo(2.0);
    }

    @Test
    void newerQuoteWithAnotherRateEmitsAChangeKeyedByPairWithCloudEventHeaders() {
        RateQuoted monday = tenge("0.00201", MONDAY, STEPPE_DAILY);
        RateQuoted tuesday = tenge("0.00210", TUESDAY, STEPPE_DAILY);
        send(monday);
        send(tuesday);

        TestRecord<String, RateChanged> record = changes.readRecord();
        RateChanged change = record.value();
        assertThat(record.key()).isEqualTo("KZT/USD");
        assertThat(change.previous().quoteId()).isEqualTo(monday.quoteId());
        assertThat(change.current().quoteId()).isEqualTo(tuesday.quoteId());
        assertThat(change.source()).isEqualTo(STEPPE_DAILY);
        assertThat(change.detectedAt()).isEqualTo(DETECTED);
        assertThat(change.assessment().big()).isTrue();
        assertThat(change.assessment().direction()).isEqualTo(Direction.UP);
        CloudEvent event = CloudEvent.readFrom(record.headers()).orElseThrow();
        assertThat(event.id()).isEqualTo(change.changeId());
        assertThat(event.type()).isEqualTo(Topics.RATE_CHANGES.eventType());
        assertThat(event.source()).isEqualTo("/steppewire/rates-service");
        assertThat(event.subject()).isEqualTo("KZT/USD");
        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void reIngestingTheSameQuotesChangesNothingDownstream() {
        RateQuoted monday = tenge("0.00201", MONDAY, STEPPE_DAILY);
        RateQuoted tuesday = tenge("0.00210", TUESDAY, STEPPE_DAILY);
        send(monday);
        send(tuesday);
        send(tuesday);
        send(monday);
        send(tuesday);

        assertThat(changes.readValuesToList()).hasSize(1);
        assertThat(outcomeCount("duplicate")).isEqualTo(2.0);
        assertThat(outcomeCount("out_of_order")).isEqualTo(1.0);
    }

    @Test
    void aQuoteOlderThanTheLastOneSeenEmitsNoChangeAndDoesNotBecomeTheReference() {
        send(tenge("0.00210", TUESDAY, STEPPE_DAILY));
        send(tenge("0.00150", MONDAY, STEPPE_DAILY));

        assertThat(changes.isEmpty()).isTrue();

        send(tenge("0.00211", WEDNESDAY, STEPPE_DAILY));
        RateChanged change = changes.readValue();
        assertThat(change.previous().rate()).isEqualByComparingTo("0.00210");
        assertThat(change.previous().asOf()).isEqualTo(TUESDAY);
    }

    @Test
    void quotesOfDifferentSourcesAreComparedOnlyWithinTheirSource() {
        send(tenge("0.00201", MONDAY, STEPPE_DAILY));
        send(tenge("0.00230", TUESDAY, BAZAAR_BULLETIN));

        assertThat(changes.isEmpty()).isTrue();

        send(tenge("0.00205", WEDNESDAY, STEPPE_DAILY));
        RateChanged change = changes.readValue();
        assertThat(change.source()).isEqualTo(STEPPE_DAILY);
        assertThat(change.previous().rate()).isEqualByComparingTo("0.00201");
        assertThat(change.current().rate()).isEqualByComparingTo("0.00205");
    }

    @Test
    void inverseQuotesArriveNormalisedAndChangeInTheCanonicalDirection() {
        send(RateQuoted.fromQuote("USD/KZT", new BigDecimal("515.90"), null, MONDAY, "nbk", null, MONDAY));
        send(RateQuoted.fromQuote("USD/KZT", new BigDecimal("525.00"), null, TUESDAY, "nbk", null, TUESDAY));

        TestRecord<String, RateChanged> record = changes.readRecord();
        RateChanged change = record.value();
        assertThat(record.key()).isEqualTo("KZT/USD");
        assertThat(change.pair()).isEqualTo("KZT/USD");
        // A dearer dollar is a cheaper tenge: 515.90 -> 525.00 tenge per dollar is about -1.73% for KZT/USD.
        assertThat(change.naiveChangePct()).isEqualByComparingTo("-1.7333");
        assertThat(change.computedChangePct().highPct()).isLessThan(new BigDecimal("-1.0"));
        assertThat(change.assessment().basis()).isEqualTo(MoveBasis.COMPUTED);
        assertThat(change.assessment().direction()).isEqualTo(Direction.DOWN);
    }

    @Test
    void aOneUnitTickAtFiveDecimalsIsPublishedButIsNotABigMove() {
        send(tenge("0.00201", MONDAY, STEPPE_DAILY));
        send(tenge("0.00200", TUESDAY, STEPPE_DAILY));

        RateChanged change = changes.readValue();
        assertThat(change.naiveChangePct()).isEqualByComparingTo("-0.4975");
        assertThat(change.computedChangePct().lowPct()).isEqualByComparingTo("-0.9926");
        assertThat(change.computedChangePct().highPct()).isEqualByComparingTo("0");
        assertThat(change.assessment().big()).isFalse();
        assertThat(change.assessment().basis()).isEqualTo(MoveBasis.NONE);
        assertThat(registry.get(QuoteMetrics.CHANGES_PUBLISHED).tag("big", "false").counter().count()).isEqualTo(1.0);
    }

    @Test
    void whenTheReportedChangeAndTheComputedIntervalDisagreeTheComputedIntervalDecides() {
        send(somoni("0.09410", null, MONDAY));
        // The source claims +1.5% while its own rates show a fall of about 2%.
        send(somoni("0.09220", "1.5", TUESDAY));

        RateChanged change = changes.readValue();
        assertThat(change.reportedChangePct()).isEqualByComparingTo("1.5");
        assertThat(change.assessment().big()).isTrue();
        assertThat(change.assessment().basis()).isEqualTo(MoveBasis.COMPUTED);
        assertThat(change.assessment().direction()).isEqualTo(Direction.DOWN);
    }

    @Test
    void aReportedMoveBeyondTheThresholdIsBigWhenTheComputedIntervalCannotTell() {
        send(somoni("0.09410", null, MONDAY));
        // One unit up at five decimals: the computed change lies between 0% and about +0.02%, far from -1%.
        send(somoni("0.09411", "-1.2", TUESDAY));

        RateChanged change = changes.readValue();
        assertThat(change.computedChangePct().lowPct()).isEqualByComparingTo("0");
        assertThat(change.computedChangePct().highPct()).isLessThan(new BigDecimal("0.1"));
        assertThat(change.assessment().basis()).isEqualTo(MoveBasis.REPORTED);
        assertThat(change.assessment().direction()).isEqualTo(Direction.DOWN);
    }

    @Test
    void aNewerQuoteWithTheSameRateBecomesTheReferenceWithoutAChange() {
        send(tenge("0.00201", MONDAY, STEPPE_DAILY));
        send(tenge("0.00201", TUESDAY, STEPPE_DAILY));

        assertThat(changes.isEmpty()).isTrue();
        assertThat(outcomeCount("unchanged")).isEqualTo(1.0);

        send(tenge("0.00210", WEDNESDAY, STEPPE_DAILY));
        assertThat(changes.readValue().previous().asOf()).isEqualTo(TUESDAY);
    }

    @Test
    void aNewerQuoteWithTheSameRateButAReportedMoveIsPublished() {
        send(RateQuoted.fromQuote("UZS/USD", new BigDecimal("0.00008"), null, MONDAY, STEPPE_DAILY, null, MONDAY));
        send(RateQuoted.fromQuote("UZS/USD", new BigDecimal("0.00008"), new BigDecimal("-0.46"), TUESDAY, STEPPE_DAILY, null, TUESDAY));

        RateChanged change = changes.readValue();
        assertThat(change.naiveChangePct()).isEqualByComparingTo("0");
        assertThat(change.assessAt(new BigDecimal("0.25")).basis()).isEqualTo(MoveBasis.REPORTED);
        assertThat(change.assessment().big()).isFalse();
    }

    @Test
    void aSecondRateForTheSameAsOfKeepsTheFirstSoReplaysStayQuiet() {
        send(tenge("0.00201", MONDAY, STEPPE_DAILY));
        send(tenge("0.00203", MONDAY, STEPPE_DAILY));
        send(tenge("0.00201", MONDAY, STEPPE_DAILY));
        send(tenge("0.00203", MONDAY, STEPPE_DAILY));

        assertThat(changes.isEmpty()).isTrue();
        assertThat(outcomeCount("conflicting_as_of")).isEqualTo(2.0);

        send(tenge("0.00205", TUESDAY, STEPPE_DAILY));
        assertThat(changes.readValue().previous().rate()).isEqualByComparingTo("0.00201");
    }

    @Test
    void aQuoteKeyedOtherwiseIsReKeyedByItsPairBeforeComparison() {
        quotes.pipeInput("not-a-pair", tenge("0.00201", MONDAY, STEPPE_DAILY), MONDAY);
        quotes.pipeInput(null, tenge("0.00210", TUESDAY, STEPPE_DAILY), TUESDAY);

        TestRecord<String, RateChanged> record = changes.readRecord();
        assertThat(record.key()).isEqualTo("KZT/USD");
        assertThat(record.value().previous().rate()).isEqualByComparingTo("0.00201");
    }

    @Test
    void aQuoteInTheWrongDirectionGoesToTheDeadLetterTopicWithItsReasonAndOrigin() {
        send(tenge("0.00201", MONDAY, STEPPE_DAILY));
        RateQuoted turnedRound = turnedRound(tenge("0.00210", TUESDAY, STEPPE_DAILY));
        quotes.pipeInput("USD/KZT", turnedRound, TUESDAY);

        assertThat(changes.isEmpty()).isTrue();
        TestRecord<String, RateQuoted> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("USD/KZT");
        assertThat(dead.value()).isEqualTo(turnedRound);
        assertOriginAndCause(dead, 1, TUESDAY);
        assertThat(outcomeCount("rejected")).isEqualTo(1.0);
    }

    /**
     * A quote keyed otherwise reaches the detector through the repartition topic, whose position names no record an
     * operator can find; a redrive sends back only dead letters whose original topic is the one it is asked for.
     */
    @Test
    void aReKeyedQuoteThatIsRejectedNamesItsPlaceOnTheQuoteTopicNotTheRepartitionTopic() {
        send(tenge("0.00201", MONDAY, STEPPE_DAILY));
        RateQuoted turnedRound = turnedRound(tenge("0.00210", TUESDAY, STEPPE_DAILY));
        quotes.pipeInput("not-a-pair", turnedRound, TUESDAY);

        TestRecord<String, RateQuoted> dead = deadLetters.readRecord();

        assertThat(dead.key()).as("re-keyed by its pair").isEqualTo("USD/KZT");
        assertOriginAndCause(dead, 1, TUESDAY);
        assertThat(dead.headers().toArray()).extracting(Header::key).allMatch(name -> name.startsWith("kafka_dlt-")
                || name.equals(DeadLetterPolicy.REASON_HEADER), "only the dead-letter headers");
    }

    /** Where it was read, when, by whom and why it failed: the headers every service's dead letters carry. */
    private static void assertOriginAndCause(TestRecord<String, RateQuoted> dead, long offset, Instant timestamp) {
        Headers headers = dead.headers();
        assertThat(text(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC))).isEqualTo(Topics.QUOTES.name());
        assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt()).isZero();
        assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong()).isEqualTo(offset);
        assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP).value()).getLong())
                .isEqualTo(timestamp.toEpochMilli());
        assertThat(text(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))).isEqualTo("rates-service");
        assertThat(text(headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN))).isEqualTo(QuoteIntegrity.class.getName());
        assertThat(text(headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE))).contains("canonical", "KZT/USD");
        assertThat(text(headers.lastHeader(DeadLetterPolicy.REASON_HEADER))).contains("canonical", "KZT/USD");
    }

    private static RateQuoted turnedRound(RateQuoted canonical) {
        return new RateQuoted(canonical.quoteId(), "USD/KZT", canonical.rate(), canonical.decimals(),
                canonical.rateLow(), canonical.rateHigh(), null, null, canonical.asOf(), canonical.source(), null, canonical.quotedAt());
    }

    @Test
    void aQuoteWithoutItsRateCannotBeReadSoItIsDeadLetteredAndTheStreamCarriesOn() {
        rawQuotes.pipeInput("KZT/USD", "{\"quoteId\":\"0123456789abcdef0123456789abcdef\",\"pair\":\"KZT/USD\","
                + "\"decimals\":5,\"asOf\":\"2026-03-09T00:00:00Z\",\"source\":\"steppe-daily\",\"quotedAt\":\"2026-03-09T00:00:00Z\"}");
        send(tenge("0.00201", MONDAY, STEPPE_DAILY));
        send(tenge("0.00210", TUESDAY, STEPPE_DAILY));

        assertThat(unreadable).singleElement().satisfies(failure -> assertThat(failure).hasMessageContaining("RateQuoted"));
        assertThat(changes.readValuesToList()).hasSize(1);
    }

    /**
     * A decimal such as 1E-500000000 is short text but half a billion digits once expanded: the quote's constructor
     * refuses it as the record is read, so it is never compared, and the next quote is processed as usual.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rate           | "rate":"0.00201"                | "rate":"1E-500000000"
            rate as number | "rate":"0.00201"                | "rate":1E-500000000
            huge rate      | "rate":"0.00201"                | "rate":"1E+500000000"
            rate digits    | "rate":"0.00201"                | "rate":"0.002010000000000000000000000000001"
            rateHigh       | "rateHigh":"0.002015"           | "rateHigh":"1E+999999999"
            reported       | "quoteId"                       | "reportedChangePct":"1E-999999999","quoteId"
            reported bound | "quoteId"                       | "reportedChangePct":"2000000","quoteId"
            """)
    void aQuoteWithAnAbsurdDecimalIsDeadLetteredUnreadAndTheNextQuoteStillChanges(String field, String good, String absurd) {
        RateQuoted sunday = tenge("0.00201", MONDAY.minus(Duration.ofDays(1)), STEPPE_DAILY);
        String json = new String(Topics.QUOTES.valueSerde().serialize(Topics.QUOTES.name(), sunday), StandardCharsets.UTF_8);
        assertThat(json).contains(good);
        String poison = json.replace(good, absurd);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> rawQuotes.pipeInput("KZT/USD", poison));
        send(tenge("0.00201", MONDAY, STEPPE_DAILY));
        send(tenge("0.00210", TUESDAY, STEPPE_DAILY));

        assertThat(unreadable).singleElement().satisfies(failure -> assertThat(failure).hasMessageContaining("RateQuoted"));
        assertThat(deadLetters.isEmpty()).as("refused before the topology, not by it").isTrue();
        assertThat(changes.readValuesToList()).singleElement()
                .satisfies(change -> assertThat(change.previous().asOf()).isEqualTo(MONDAY));
    }

    private void send(RateQuoted quote) {
        quotes.pipeInput(new TestRecord<>(quote.pair(), quote, new RecordHeaders(), quote.quotedAt()));
    }

    private double outcomeCount(String outcome) {
        return registry.get(QuoteMetrics.QUOTES_PROCESSED).tag("outcome", outcome).counter().count();
    }

    private static String text(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static RateQuoted tenge(String rate, Instant asOf, String source) {
        return RateQuoted.fromQuote("KZT/USD", new BigDecimal(rate), null, asOf, source, null, asOf);
    }

    private static RateQuoted somoni(String rate, String reportedChangePct, Instant asOf) {
        return RateQuoted.fromQuote("TJS/USD", new BigDecimal(rate),
                reportedChangePct == null ? null : new BigDecimal(reportedChangePct), asOf, "dushanbe-dispatch", null, asOf);
    }

}

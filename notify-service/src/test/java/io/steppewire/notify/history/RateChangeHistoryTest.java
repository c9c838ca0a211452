package io.steppewire.notify.history;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RatePoint;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.notify.matching.RateHistory;
import io.steppewire.notify.support.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored rate history answers the look-ups of window and divergence rules, and forgets what retention drops. */
class RateChangeHistoryTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());
    private static final Instant DAY_0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final HistoryProperties PROPERTIES = new HistoryProperties(Duration.ofDays(35), Set.of("nbkr"));

    private final MongoTemplate mongo = new MongoTemplate(CLIENT, "rate-history-" + System.nanoTime());

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void theQuoteInForceIsTheLatestAtOrBeforeTheMomentOrTheOldestKnown() {
        RateChangeHistory history = history(day(10));
        history.rememberAll(List.of(change("times-ca", "0.0112", day(0), "0.0114", day(3)), change("times-ca", "0.0114", day(3), "0.0116", day(8))));

        assertThat(history.inForceAt("KGS/USD", "times-ca", day(5))).map(RatePoint::rate).contains(new BigDecimal("0.0114"));
        assertThat(history.inForceAt("KGS/USD", "times-ca", day(8))).map(RatePoint::rate).contains(new BigDecimal("0.0116"));
        assertThat(history.inForceAt("KGS/USD", "times-ca", day(-5))).map(RatePoint::rate).contains(new BigDecimal("0.0112"));
        assertThat(history.inForceAt("KGS/USD", "other", day(5))).isEmpty();
    }

    @Test
    void findsTheOfficialQuoteAndTheLatestQuoteOfEachTicker() {
        RateChangeHistory history = history(day(10));
        history.rememberAll(List.of(change("nbkr", "0.011400", day(-1), "0.011435", day(0)),
                change("times-ca", "0.0114", day(-1), "0.0115", day(0)),
                change("steppe-daily", "0.0113", day(-1), "0.0117", day(0))));
        Set<String> official = Set.of("nbkr");

        assertThat(history.latestOf("KGS/USD", official, day(0), day(1))).map(RateHistory.SourcedPoint::source).contains("nbkr");
        assertThat(history.latestOfEachOther("KGS/USD", official, day(0), day(1))).extracting(RateHistory.SourcedPoint::source)
                .containsExactlyInAnyOrder("times-ca", "steppe-daily");
        assertThat(history.latestOf("KGS/USD", official, day(1), day(2))).isEmpty();
    }

    @Test
    void aRedeliveredChangeIsStoredOnceAndRetentionForgetsOldChanges() {
        RateChanged old = change("times-ca", "0.0112", day(0), "0.0114", day(1));
        RateChanged recent = change("times-ca", "0.0114", day(1), "0.0116", day(30));
        history(day(40)).rememberAll(List.of(old, recent, recent));

        history(day(40)).forgetOldChanges();

        assertThat(history(day(40)).detectedBetween(day(-1), day(41), Set.of())).extracting(RateChanged::changeId)
                .containsExactly(recent.changeId());
    }

    @Test
    void aStoredChangeReadsBackEqualToTheEvent() {
        Instant detected = day(1).plusNanos(123_456_789);
        RateChanged reported = RateChanged.between(RateQuoted.fromQuote("USD/KGS", new BigDecimal("87.4500"), null, day(0), "times-ca", null, day(0)),
                RateQuoted.fromQuote("USD/KGS", new BigDecimal("87.8500"), new BigDecimal("0.46"), day(1), "times-ca", "page-1", day(1)),
                new BigDecimal("0.5"), detected);
        RateChangeHistory history = history(day(2));
        history.rememberAll(List.of(reported));

        assertThat(history.detectedBetween(day(0), day(2), Set.of("KGS/USD"))).containsExactly(reported);
    }

    private RateChangeHistory history(Instant now) {
        return new RateChangeHistory(mongo, PROPERTIES, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Instant day(int days) {
        return DAY_0.plus(Duration.ofDays(days));
    }

    private static RateChanged change(String source, String previousRate, Instant previousAsOf, String rate, Instant asOf) {
        return RateChanged.between(quote(source, previousRate, previousAsOf), quote(source, rate, asOf), BigDecimal.ONE, asOf);
    }

    private static RateQuoted quote(String source, String rate, Instant asOf) {
        return RateQuoted.fromQuote("KGS/USD", new BigDecimal(rate), null, asOf, source, null, asOf);
    }
}

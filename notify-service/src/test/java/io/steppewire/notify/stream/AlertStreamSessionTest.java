package io.steppewire.notify.stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.notify.alerting.AlertStore;
import io.steppewire.notify.support.InMemoryMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream sends its alerts' numbers in order: a later number written before an earlier one is held until the
 * earlier one arrives, and a missing number is passed only once no writer can still be on it. The clock is
 * moved by hand and each poll of the stream is one call, so nothing here depends on timing.
 */
class AlertStreamSessionTest {

    private static final MongoClient CLIENT = MongoClients.create(InMemoryMongo.uri());
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final String SUBSCRIPTION = "sub-silk-road";

    private final MongoTemplate mongo = new MongoTemplate(CLIENT, "streams-" + System.nanoTime());
    private final AlertStore store = new AlertStore(mongo);
    private final TwoStepNumbering numbering = new TwoStepNumbering(mongo);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-14T09:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingClient client = new RecordingClient();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void aLowerNumberWrittenAfterHigherOnesIsSentFirst() {
        for (int i = 1; i <= 4; i++) {
            numbering.storeNumbered(SUBSCRIPTION, "a" + i, clock.instant());
        }
        List.of("a5", "a6", "a7").forEach(id -> numbering.store(SUBSCRIPTION, id, clock.instant()));
        long five = numbering.reserve(SUBSCRIPTION);
        long six = numbering.reserve(SUBSCRIPTION);
        long seven = numbering.reserve(SUBSCRIPTION);
        numbering.write("a6", six, clock.instant());
        numbering.write("a7", seven, clock.instant());
        AlertStreamSession resumed = session(4);

        assertThat(resumed.sendWhatIsReady()).isFalse();
        assertThat(client.eventIds()).isEmpty();
        assertThat(client.comments()).containsExactly("holding alert 6 until alert 5 arrives, at most 30000 ms");

        numbering.write("a5", five, clock.instant());

        assertThat(resumed.sendWhatIsReady()).isTrue();
        assertThat(client.eventIds()).containsExactly("5", "6", "7");
        assertThat(client.events()).first().asString().contains("\"alertId\":\"a5\"");
        assertThat(filledLate()).isEqualTo(1.0);
        assertThat(skipped("grace-expired")).isZero();
    }

    @Test
    void holdsForTheMissingNumberEvenWhenTheLaterAlertsClockReadingIsOlderThanTheGrace() {
        // Writer B read its clock, then its counter update waited out a primary election; writer A reserved in between.
        List.of("a1", "a2").forEach(id -> numbering.store(SUBSCRIPTION, id, clock.instant()));
        long one = numbering.reserve(SUBSCRIPTION);
        long two = numbering.reserve(SUBSCRIPTION);
        numbering.write("a2", two, clock.instant().minus(GRACE.plusSeconds(15)));
        AlertStreamSession fresh = session(0);

        assertThat(fresh.sendWhatIsReady()).isFalse();
        numbering.write("a1", one, clock.instant());
        fresh.sendWhatIsReady();

        assertThat(client.eventIds()).containsExactly("1", "2");
        assertThat(skipped("grace-expired") + skipped("numbered-long-ago")).isZero();
    }

    @Test
    void aFreshStreamPassesAMissingFirstNumberOnceItHeldTheNextForTheGracePeriod() {
        numbering.store(SUBSCRIPTION, "a2", clock.instant());
        numbering.reserve(SUBSCRIPTION); // taken by a writer that lost the race, never written
        numbering.write("a2", numbering.reserve(SUBSCRIPTION), clock.instant());
        AlertStreamSession fresh = session(0);

        assertThat(fresh.sendWhatIsReady()).isFalse();
        clock.advance(GRACE.minusMillis(1));
        assertThat(fresh.sendWhatIsReady()).isFalse();
        assertThat(client.eventIds()).isEmpty();

        clock.advance(Duration.ofMillis(1));

        assertThat(fresh.sendWhatIsReady()).isTrue();
        assertThat(client.eventIds()).containsExactly("2");
        assertThat(skipped("grace-expired")).isEqualTo(1.0);
    }

    @Test
    void theGraceRunsFromWhenTheStreamFirstSawTheGapThoughLowerNumbersFillPartOfIt() {
        for (int i = 1; i <= 4; i++) {
            numbering.storeNumbered(SUBSCRIPTION, "a" + i, clock.instant());
        }
        List.of("a6", "a8").forEach(id -> numbering.store(SUBSCRIPTION, id, clock.instant()));
        numbering.reserve(SUBSCRIPTION);
        long six = numbering.reserve(SUBSCRIPTION);
        numbering.reserve(SUBSCRIPTION);
        numbering.write("a8", numbering.reserve(SUBSCRIPTION), clock.instant());
        AlertStreamSession resumed = session(4);

        assertThat(resumed.sendWhatIsReady()).isFalse();
        clock.advance(GRACE.dividedBy(2));
        numbering.write("a6", six, clock.instant());
        assertThat(resumed.sendWhatIsReady()).as("5 is still missing").isFalse();
        clock.advance(GRACE.dividedBy(2));

        assertThat(resumed.sendWhatIsReady()).isTrue();
        assertThat(client.eventIds()).containsExactly("6", "8");
        assertThat(skipped("grace-expired")).as("5 and 7").isEqualTo(2.0);
        assertThat(filledLate()).as("6").isEqualTo(1.0);
    }

    @Test
    void aReplayPassesAtOnceTheGapsBelowAlertsNumberedLongAgo() {
        Instant lastWeek = clock.instant().minus(Duration.ofDays(7));
        List.of("a2", "a3").forEach(id -> numbering.store(SUBSCRIPTION, id, lastWeek));
        numbering.reserve(SUBSCRIPTION);
        numbering.write("a2", numbering.reserve(SUBSCRIPTION), lastWeek);
        numbering.write("a3", numbering.reserve(SUBSCRIPTION), lastWeek);

        assertThat(session(0).sendWhatIsReady()).isTrue();

        assertThat(client.eventIds()).containsExactly("2", "3");
        assertThat(client.comments()).as("nothing was held").isEmpty();
        assertThat(skipped("numbered-long-ago")).isEqualTo(1.0);
    }

    private AlertStreamSession session(long lastEventId) {
        StreamProperties properties = new StreamProperties(Duration.ofMillis(100), GRACE, Duration.ofSeconds(15), Duration.ofMinutes(30));
        return new AlertStreamSession(SUBSCRIPTION, lastEventId, client, store, properties, clock, new StreamMeters(registry));
    }

    private double skipped(String reason) {
        return registry.get("steppewire.notify.streams.gaps.skipped").tag("reason", reason).counter().count();
    }

    private double filledLate() {
        return registry.get("steppewire.notify.streams.gaps.filled").counter().count();
    }

    /** The client's side of the stream: every event and comment, as the emitter would write them. */
    private static final class RecordingClient extends SseEmitter {

        private final List<String> written = new ArrayList<>();

        @Override
        public void send(SseEventBuilder builder) {
            written.add(builder.build().stream().map(ResponseBodyEmitter.DataWithMediaType::getData).map(String::valueOf)
                    .collect(Collectors.joining()));
        }

        List<String> events() {
            return written.stream().filter(text -> text.startsWith("id:")).toList();
        }

        List<String> eventIds() {
            return events().stream().map(text -> text.substring(3, text.indexOf('\n'))).toList();
        }

        List<String> comments() {
            return written.stream().filter(text -> text.startsWith(":")).map(text -> text.substring(1).strip()).toList();
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

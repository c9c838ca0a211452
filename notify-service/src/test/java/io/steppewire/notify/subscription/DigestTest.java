package io.steppewire.notify.subscription;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** When digests are due: the wall clock of the subscriber's zone, daylight-saving changes included. */
class DigestTest {

    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void anAlertGoesIntoTheFirstDigestStrictlyAfterIt() {
        Digest daily = Digest.daily(LocalTime.of(8, 0), ALMATY);

        assertThat(daily.slotAfter(Instant.parse("2026-03-14T01:59:59Z"))).isEqualTo(Instant.parse("2026-03-14T03:00:00Z"));
        assertThat(daily.slotAfter(Instant.parse("2026-03-14T03:00:00Z"))).as("one raised at the digest's minute waits for the next")
                .isEqualTo(Instant.parse("2026-03-15T03:00:00Z"));
        assertThat(daily.previous(Instant.parse("2026-03-15T03:00:00Z"))).isEqualTo(Instant.parse("2026-03-14T03:00:00Z"));
    }

    @Test
    void aWeeklyDigestComesOnItsDay() {
        Digest weekly = Digest.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 30), BERLIN);

        // Saturday 14 March 2026; the Monday after is the 16th.
        assertThat(weekly.slotAfter(Instant.parse("2026-03-14T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-16T08:30:00Z"));
        assertThat(weekly.slotAfter(Instant.parse("2026-03-16T08:30:00Z"))).isEqualTo(Instant.parse("2026-03-23T08:30:00Z"));
        assertThat(weekly.previous(Instant.parse("2026-03-23T08:30:00Z"))).isEqualTo(Instant.parse("2026-03-16T08:30:00Z"));
    }

    @Test
    void digestTimesFollowTheWallClockAcrossADaylightSavingChange() {
        Digest daily = Digest.daily(LocalTime.of(8, 0), BERLIN);

        // Berlin moves from +01:00 to +02:00 on 29 March 2026.
        assertThat(daily.slotAfter(Instant.parse("2026-03-28T08:00:00Z"))).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        Digest inTheGap = Digest.daily(LocalTime.of(2, 30), BERLIN);
        assertThat(inTheGap.slotAfter(Instant.parse("2026-03-28T12:00:00Z"))).as("a skipped time falls just after the gap")
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }
}

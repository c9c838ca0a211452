package io.steppewire.notify.subscription;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietHoursTest {

    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ALMATY);
    private static final QuietHours LUNCH = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30), ALMATY);

    @Test
    void anAlertLateInTheEveningWaitsForTheNextMorning() {
        // 23:15 in Almaty (UTC+5) on 14 March.
        assertThat(NIGHT.heldUntil(Instant.parse("2026-03-14T18:15:00Z"))).contains(Instant.parse("2026-03-15T02:00:00Z"));
    }

    @Test
    void anAlertAfterMidnightWaitsForTheSameMorning() {
        // 03:40 in Almaty on 15 March.
        assertThat(NIGHT.heldUntil(Instant.parse("2026-03-14T22:40:00Z"))).contains(Instant.parse("2026-03-15T02:00:00Z"));
    }

    @Test
    void theStartIsQuietAndTheEndIsNot() {
        assertThat(NIGHT.heldUntil(Instant.parse("2026-03-14T17:00:00Z"))).as("22:00").isPresent();
        assertThat(NIGHT.heldUntil(Instant.parse("2026-03-15T02:00:00Z"))).as("07:00").isEmpty();
        assertThat(LUNCH.heldUntil(Instant.parse("2026-03-14T07:00:00Z"))).as("12:00").contains(Instant.parse("2026-03-14T08:30:00Z"));
        assertThat(LUNCH.heldUntil(Instant.parse("2026-03-14T08:30:00Z"))).as("13:30").isEmpty();
    }

    @Test
    void daytimeAlertsAreNotHeld() {
        assertThat(NIGHT.heldUntil(Instant.parse("2026-03-14T09:00:00Z"))).as("14:00").isEmpty();
        assertThat(LUNCH.heldUntil(Instant.parse("2026-03-14T03:00:00Z"))).as("08:00").isEmpty();
    }

    @Test
    void theEndFollowsTheWallClockAcrossADaylightSavingChange() {
        QuietHours berlinNight = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Berlin"));
        // 23:00 CET on 28 March 2026; clocks go forward that night, so 07:00 the next morning is 05:00 UTC, not 06:00.
        assertThat(berlinNight.heldUntil(Instant.parse("2026-03-28T22:00:00Z"))).contains(Instant.parse("2026-03-29T05:00:00Z"));
    }

    @Test
    void refusesQuietHoursThatStartWhenTheyEnd() {
        assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON, ALMATY)).isInstanceOf(IllegalArgumentException.class);
    }
}

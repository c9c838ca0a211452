package io.steppewire.notify.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Hours of a subscriber's day in which pushed alerts (webhook, e-mail) wait: each is sent when the quiet hours end.
 * The stream and {@code alerts.v1} are not held. {@code from} is inclusive, {@code to} exclusive; when {@code from} is
 * later than {@code to} the quiet hours span midnight (22:00 to 07:00). Times are the subscriber's wall clock in
 * {@code zone}, so a change of daylight saving time moves them with the clock.
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {

    public QuietHours {
        if (from.equals(to)) {
            throw new IllegalArgumentException("Quiet hours need a start and an end that differ");
        }
    }

    /** When an alert raised at {@code now} may be sent: the end of the quiet hours it falls in, or empty when none. */
    public Optional<Instant> heldUntil(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate today = local.toLocalDate();
        boolean spansMidnight = from.isAfter(to);
        if (!spansMidnight) {
            return !time.isBefore(from) && time.isBefore(to) ? Optional.of(at(today, to)) : Optional.empty();
        }
        if (!time.isBefore(from)) {
            return Optional.of(at(today.plusDays(1), to));
        }
        return time.isBefore(to) ? Optional.of(at(today, to)) : Optional.empty();
    }

    /** The wall-clock time on that day; a time skipped by a daylight-saving change falls just after the gap. */
    private Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }
}

package io.steppewire.notify.subscription;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * When a subscription's pushed alerts are sent together, as one message: every day, or every week on {@code day}, at
 * {@code at} on the subscriber's wall clock in {@code zone}. A digest at a given time holds the alerts raised since the
 * one before it; a daylight-saving change moves the times with the clock (a time the change skips falls just after
 * the gap).
 */
public record Digest(Every every, LocalTime at, ZoneId zone, DayOfWeek day) {

    /** How often a digest is sent. */
    public enum Every {
        DAY, WEEK;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Every> ofJsonName(String name) {
            for (Every every : values()) {
                if (every.jsonName().equals(name)) {
                    return Optional.of(every);
                }
            }
            return Optional.empty();
        }
    }

    /** A daily digest; {@code day} means nothing then and is Monday. */
    public static Digest daily(LocalTime at, ZoneId zone) {
        return new Digest(Every.DAY, at, zone, DayOfWeek.MONDAY);
    }

    public static Digest weekly(DayOfWeek day, LocalTime at, ZoneId zone) {
        return new Digest(Every.WEEK, at, zone, day);
    }

    /** The first digest time strictly after {@code t}: the digest an alert raised at {@code t} goes into. */
    public Instant slotAfter(Instant t) {
        LocalDate date = t.atZone(zone).toLocalDate();
        if (every == Every.WEEK) {
            date = date.with(TemporalAdjusters.nextOrSame(day));
        }
        Instant slot = at(date);
        return slot.isAfter(t) ? slot : at(date.plusDays(every == Every.DAY ? 1 : 7));
    }

    /** The digest time before {@code slot}, where the period {@code slot} ends began. */
    public Instant previous(Instant slot) {
        LocalDate date = slot.atZone(zone).toLocalDate().minusDays(every == Every.DAY ? 1 : 7);
        return at(date);
    }

    private Instant at(LocalDate date) {
        return ZonedDateTime.of(date, at, zone).toInstant();
    }
}

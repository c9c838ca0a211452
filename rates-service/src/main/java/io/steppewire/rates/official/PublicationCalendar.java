package io.steppewire.rates.official;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The days a bank sets a rate: its working days of the week, less its holidays. On any other day it publishes no new
 * rate (some banks answer with the last one again, dated that day), so nothing is fetched and nothing emitted.
 *
 * @param days     the days of the week the bank publishes on
 * @param holidays dates the bank publishes nothing on, though they fall on such a day
 */
public record PublicationCalendar(Set<DayOfWeek> days, Set<LocalDate> holidays) {

    public PublicationCalendar {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        holidays = Set.copyOf(holidays);
    }

    /** Why the bank publishes no rate on that date, or empty when it does. */
    public Optional<String> closedOn(LocalDate date) {
        if (!days.contains(date.getDayOfWeek())) {
            return Optional.of(date + " is a " + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                    + ", not a publication day");
        }
        if (holidays.contains(date)) {
            return Optional.of(date + " is a holiday of the bank");
        }
        return Optional.empty();
    }
}

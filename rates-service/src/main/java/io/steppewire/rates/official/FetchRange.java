package io.steppewire.rates.official;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The dates one fetch covers, both ends included, as dates of the bank's own calendar.
 *
 * @param from the first date
 * @param to   the last date
 */
public record FetchRange(LocalDate from, LocalDate to) {

    /** No bank of the region published its currency's rate before 1992. */
    public static final LocalDate EARLIEST = LocalDate.of(1992, 1, 1);

    /** Longest text shown back in a refusal. */
    private static final int MAX_SHOWN = 40;

    public FetchRange {
        if (from.isAfter(to)) {
            throw new InvalidFetchRangeException("from " + from + " is after to " + to);
        }
    }

    public static FetchRange of(LocalDate day) {
        return new FetchRange(day, day);
    }

    /**
     * Reads the dates an operator asked for. Without either, today; with {@code from} only, from then to today; with
     * {@code to} only, that one date.
     *
     * @param today   today's date in the bank's time zone; a bank may publish tomorrow's rate in the afternoon, so the
     *                range may reach one day past it
     * @param maxDays the most dates one fetch may cover
     * @throws InvalidFetchRangeException saying what to change
     */
    public static FetchRange parse(@Nullable String from, @Nullable String to, LocalDate today, int maxDays) {
        LocalDate last = to == null ? today : date(to, "to");
        LocalDate first = from == null ? (to == null ? today : last) : date(from, "from");
        if (first.isAfter(last)) {
            throw new InvalidFetchRangeException("from " + first + " is after to " + last + "; give the earlier date as from");
        }
        if (first.isBefore(EARLIEST)) {
            throw new InvalidFetchRangeException("from " + first + " is before " + EARLIEST
                    + "; no bank of the region published a rate of its currency then");
        }
        LocalDate latest = today.plusDays(1);
        if (last.isAfter(latest)) {
            throw new InvalidFetchRangeException("to " + last + " is in the future: today is " + today
                    + " in the bank's time zone, and no bank publishes more than a day ahead");
        }
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        if (days > maxDays) {
            throw new InvalidFetchRangeException("a fetch covers at most " + maxDays + " days, asked for " + days + " ("
                    + first + " to " + last + "); split it into several");
        }
        return new FetchRange(first, last);
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    public List<LocalDate> dates() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    private static LocalDate date(String text, String name) {
        // An ISO date is exactly ten characters; anything longer (a year of six digits, a time) is refused unread.
        if (text.length() == 10) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // Refused below, with what was given.
            }
        }
        throw new InvalidFetchRangeException(name + " must be a date such as 2026-04-01, got " + shown(text));
    }

    /** What was given, quoted when it is short and plain, else only how long it is: nothing odd is echoed back. */
    private static String shown(String text) {
        if (text.isEmpty()) {
            return "nothing";
        }
        boolean plain = text.length() <= MAX_SHOWN && text.chars().allMatch(c -> c >= ' ' && c <= '~');
        return plain ? "'" + text + "'" : "a text of " + text.length() + " characters";
    }
}

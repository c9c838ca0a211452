package io.steppewire.ingest.extraction;

import org.jspecify.annotations.Nullable;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the publication times pages write: ISO 8601 with any offset form ({@code Z}, {@code +05:00}, {@code +0500},
 * {@code +05}, a region in brackets), RFC 1123, epoch seconds or milliseconds, and the written forms
 * ({@code 14 March 2026, 09:30}, {@code March 14, 2026 9:30 AM}, {@code 14.03.2026 09:30}, {@code 14 марта 2026})
 * with an optional zone ({@code UTC}, {@code GMT+5}, {@code ALMT}). A time without a zone is taken as UTC, a date
 * without a time as its midnight UTC.
 */
final class PublishedTimes {

    private static final Pattern EPOCH = Pattern.compile("\\d{10}|\\d{13}");
    /** ISO date and time with a space or T, optional fraction, and an offset written any way. */
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d{1,9})?)?)?\\s*"
                    + "(Z|[+-]\\d{2}(?::?\\d{2})?|(?:UTC|GMT)(?:\\s*[+-]\\d{1,2}(?::?\\d{2})?)?|[A-Z]{3,5})?"
                    + "(?:\\[([A-Za-z_/+\\-0-9]+)])?");
    private static final String MONTH = "(\\p{L}{3,10})\\.?";
    private static final String TIME = "(?:[,\\s]+(?:at\\s+|в\\s+)?(\\d{1,2})[:.](\\d{2})(?::(\\d{2}))?\\s*([AaPp]\\.?[Mm]\\.?)?)?";
    private static final String ZONE = "(?:\\s*\\(?\\s*(Z|UTC|GMT|[A-Z]{3,5})?\\s*([+-]\\d{1,2}(?::?\\d{2})?)?\\s*\\)?)?";
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(?:\\p{L}+,?\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTH + ",?\\s+(\\d{4})(?:\\s*г\\.?)?" + TIME + ZONE,
            Pattern.UNICODE_CASE);
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "(?:\\p{L}+,?\\s+)?" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})" + TIME + ZONE);
    private static final Pattern NUMERIC = Pattern.compile(
            "(\\d{1,2})[./](\\d{1,2})[./](\\d{4})" + TIME + ZONE);

    /** Zone abbreviations of the region the sites write about, and the usual world ones. */
    private static final Map<String, ZoneOffset> ABBREVIATIONS = Map.ofEntries(
            Map.entry("UTC", ZoneOffset.UTC), Map.entry("GMT", ZoneOffset.UTC), Map.entry("Z", ZoneOffset.UTC),
            Map.entry("ALMT", ZoneOffset.ofHours(5)), Map.entry("AQTT", ZoneOffset.ofHours(5)),
            Map.entry("UZT", ZoneOffset.ofHours(5)), Map.entry("TJT", ZoneOffset.ofHours(5)),
            Map.entry("TMT", ZoneOffset.ofHours(5)), Map.entry("KGT", ZoneOffset.ofHours(6)),
            Map.entry("MSK", ZoneOffset.ofHours(3)), Map.entry("CET", ZoneOffset.ofHours(1)),
            Map.entry("CEST", ZoneOffset.ofHours(2)), Map.entry("EET", ZoneOffset.ofHours(2)),
            Map.entry("EEST", ZoneOffset.ofHours(3)), Map.entry("BST", ZoneOffset.ofHours(1)),
            Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("IST", ZoneOffset.ofHoursMinutes(5, 30)), Map.entry("TRT", ZoneOffset.ofHours(3)),
            Map.entry("GST", ZoneOffset.ofHours(4)), Map.entry("CST", ZoneOffset.ofHours(8)));

    private PublishedTimes() {
    }

    static @Nullable Instant parse(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String text = Texts.clean(raw);
        if (text.isEmpty() || text.length() > 120) {
            return null;
        }
        try {
            if (EPOCH.matcher(text).matches()) {
                long value = Long.parseLong(text);
                return text.length() == 13 ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            }
            Instant iso = iso(text);
            if (iso != null) {
                return iso;
            }
            Instant rfc = rfc1123(text);
            if (rfc != null) {
                return rfc;
            }
            return written(text);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** The calendar date a text names as written, before any zone is applied: for a story's own date line. */
    static @Nullable LocalDate localDate(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String text = Texts.clean(raw);
        try {
            Matcher iso = ISO.matcher(text);
            if (iso.lookingAt()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
            }
            Instant instant = parse(text);
            return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable Instant iso(String text) {
        Matcher m = ISO.matcher(text);
        if (!m.matches()) {
            return null;
        }
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        LocalTime time = LocalTime.MIDNIGHT;
        if (m.group(4) != null) {
            String seconds = m.group(6) == null ? "00" : m.group(6);
            time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(seconds));
            int dot = indexOfFraction(text, m.end(6));
            if (dot >= 0) {
                time = time.withNano(nanos(text, dot + 1));
            }
        }
        LocalDateTime local = LocalDateTime.of(date, time);
        if (m.group(8) != null) {
            return ZonedDateTime.of(local, ZoneId.of(m.group(8))).toInstant();
        }
        ZoneOffset offset = offset(m.group(7));
        return offset == null ? null : local.toInstant(offset);
    }

    private static int indexOfFraction(String text, int afterSeconds) {
        if (afterSeconds < 0 || afterSeconds >= text.length()) {
            return -1;
        }
        char c = text.charAt(afterSeconds);
        return c == '.' || c == ',' ? afterSeconds : -1;
    }

    private static int nanos(String text, int start) {
        int end = start;
        while (end < text.length() && end - start < 9 && Character.isDigit(text.charAt(end))) {
            end++;
        }
        String digits = (text.substring(start, end) + "000000000").substring(0, 9);
        return Integer.parseInt(digits);
    }

    /** An offset written as {@code Z}, {@code +05:00}, {@code +0500}, {@code +05}, {@code GMT+5} or an abbreviation; UTC when absent. */
    private static @Nullable ZoneOffset offset(@Nullable String written) {
        if (written == null || written.isBlank()) {
            return ZoneOffset.UTC;
        }
        String zone = written.strip();
        if (zone.startsWith("UTC") || zone.startsWith("GMT")) {
            String rest = zone.substring(3).strip();
            return rest.isEmpty() ? ZoneOffset.UTC : signedOffset(rest);
        }
        if (zone.charAt(0) == '+' || zone.charAt(0) == '-') {
            return signedOffset(zone);
        }
        return ABBREVIATIONS.get(zone.toUpperCase(Locale.ROOT));
    }

    private static ZoneOffset signedOffset(String signed) {
        int sign = signed.charAt(0) == '-' ? -1 : 1;
        String digits = signed.substring(1).replace(":", "");
        int hours;
        int minutes = 0;
        if (digits.length() <= 2) {
            hours = Integer.parseInt(digits);
        } else {
            hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
            minutes = Integer.parseInt(digits.substring(digits.length() - 2));
        }
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static @Nullable Instant rfc1123(String text) {
        if (text.length() < 20 || !Character.isLetter(text.charAt(0)) || text.indexOf(':') < 0) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable Instant written(String text) {
        Matcher dmy = DAY_MONTH_YEAR.matcher(text);
        if (dmy.matches()) {
            Integer month = Months.number(dmy.group(2));
            return month == null ? null : at(Integer.parseInt(dmy.group(3)), month, Integer.parseInt(dmy.group(1)), dmy, 4);
        }
        Matcher mdy = MONTH_DAY_YEAR.matcher(text);
        if (mdy.matches()) {
            Integer month = Months.number(mdy.group(1));
            return month == null ? null : at(Integer.parseInt(mdy.group(3)), month, Integer.parseInt(mdy.group(2)), mdy, 4);
        }
        Matcher numeric = NUMERIC.matcher(text);
        if (numeric.matches()) {
            // Day first, as the region's sites and most of the world write it; a first number over 12 settles it anyway.
            int first = Integer.parseInt(numeric.group(1));
            int second = Integer.parseInt(numeric.group(2));
            boolean monthFirst = second > 12 && first <= 12;
            return at(Integer.parseInt(numeric.group(3)), monthFirst ? first : second, monthFirst ? second : first,
                    numeric, 4);
        }
        return null;
    }

    /** Groups from {@code timeGroup}: hour, minute, second, am/pm, zone name, signed offset. */
    private static @Nullable Instant at(int year, int month, int day, Matcher m, int timeGroup) {
        LocalTime time = LocalTime.MIDNIGHT;
        if (m.group(timeGroup) != null) {
            int hour = Integer.parseInt(m.group(timeGroup));
            String meridiem = m.group(timeGroup + 3);
            if (meridiem != null) {
                boolean pm = Character.toLowerCase(meridiem.charAt(0)) == 'p';
                hour = hour % 12 + (pm ? 12 : 0);
            }
            String seconds = m.group(timeGroup + 2);
            time = LocalTime.of(hour, Integer.parseInt(m.group(timeGroup + 1)), seconds == null ? 0 : Integer.parseInt(seconds));
        }
        String name = m.group(timeGroup + 4);
        String signed = m.group(timeGroup + 5);
        ZoneOffset offset;
        if (signed != null) {
            offset = signedOffset(signed);
        } else {
            offset = offset(name);
        }
        if (offset == null) {
            return null;
        }
        return LocalDateTime.of(LocalDate.of(year, month, day), time).toInstant(offset);
    }
}

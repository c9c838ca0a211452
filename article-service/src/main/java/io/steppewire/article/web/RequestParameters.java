package io.steppewire.article.web;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads query parameters with messages that name the parameter and the form it accepts. */
public final class RequestParameters {

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    /** Four-digit years only: the parser also takes {@code +999999999-12-31}, whose next day does not exist. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Longer than any tag, entity or source name; longer values are refused rather than looked up. */
    public static final int MAX_NAME_LENGTH = 200;

    public static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static @Nullable LocalDate date(String parameter, @Nullable String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // answered below with the accepted form
        }
        throw new InvalidParameterException(parameter, parameter + " must be a date written yyyy-MM-dd, e.g. 2026-03-14; got '"
                + shown(text) + "'");
    }

    /** A tag, entity or source name: as given (stripped), or null when blank. */
    public static @Nullable String name(String parameter, @Nullable String value) {
        String text = blankToNull(value);
        if (text != null && text.length() > MAX_NAME_LENGTH) {
            throw new InvalidParameterException(parameter, parameter + " must be at most " + MAX_NAME_LENGTH
                    + " characters; got " + text.length());
        }
        return text;
    }

    /** The start of a value, for a message: a hostile value of thousands of characters is not echoed whole. */
    public static String shown(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    public static @Nullable String country(String parameter, @Nullable String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        if (!COUNTRY.matcher(text).matches()) {
            throw new InvalidParameterException(parameter, parameter
                    + " must be an ISO 3166-1 alpha-2 country code such as KZ, UZ or TJ; got '" + shown(text) + "'");
        }
        return text.toUpperCase(Locale.ROOT);
    }

    public static int limit(String parameter, @Nullable String value, int defaultLimit, int maxLimit) {
        String text = blankToNull(value);
        if (text == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below with the accepted form
        }
        throw new InvalidParameterException(parameter, parameter + " must be a whole number from 1 to " + maxLimit
                + " (default " + defaultLimit + "); got '" + shown(text) + "'");
    }

    private RequestParameters() {
    }
}

package io.steppewire.article.web;

import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads query parameters with messages that name the parameter and the form it accepts. */
public final class RequestParameters {

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

    public static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static @Nullable LocalDate date(String parameter, @Nullable String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, parameter + " must be a date written yyyy-MM-dd, e.g. 2026-03-14; got '" + text + "'");
        }
    }

    public static @Nullable String country(String parameter, @Nullable String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        if (!COUNTRY.matcher(text).matches()) {
            throw new InvalidParameterException(parameter, parameter
                    + " must be an ISO 3166-1 alpha-2 country code such as KZ, UZ or TJ; got '" + text + "'");
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
                + " (default " + defaultLimit + "); got '" + text + "'");
    }

    private RequestParameters() {
    }
}

package io.steppewire.rates.official.bank;

import io.steppewire.rates.official.BankNumbers;
import io.steppewire.rates.official.MalformedPublicationException;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** Dates as the banks write them, and the addresses that carry them. */
final class BankDates {

    /** {@code 01.04.2026}: the Kazakh, Uzbek and Kyrgyz banks' form. */
    static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT);

    /** A date in one of the given forms, or a malformed publication naming what was found. */
    static LocalDate parse(@Nullable String text, String what, String bank, DateTimeFormatter... forms) {
        if (text == null || text.isBlank()) {
            throw new MalformedPublicationException("the answer has no " + what + ", which " + bank + " always publishes");
        }
        String trimmed = text.strip();
        for (DateTimeFormatter form : forms) {
            try {
                return LocalDate.parse(trimmed, form);
            } catch (DateTimeParseException e) {
                // Tried in turn: the next form may fit.
            }
        }
        throw new MalformedPublicationException(what + " '" + BankNumbers.shown(trimmed) + "' is not a date as " + bank
                + " writes it");
    }

    /** The address with a query added to any it has already. */
    static URI withQuery(URI base, String query) {
        String text = base.toString();
        int fragment = text.indexOf('#');
        String withoutFragment = fragment < 0 ? text : text.substring(0, fragment);
        return URI.create(withoutFragment + (base.getRawQuery() == null ? "?" : "&") + query);
    }

    /** The address with a path segment (and a closing slash) added to its path, before any query. */
    static URI withPathSegment(URI base, String segment) {
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        String query = base.getRawQuery() == null ? "" : "?" + base.getRawQuery();
        String separator = path.endsWith("/") ? "" : "/";
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + separator + segment + "/" + query);
    }

    private BankDates() {
    }
}

package io.steppewire.rates.official;

import io.steppewire.events.SaneDecimals;

import java.math.BigDecimal;

/**
 * Reads numbers as banks write them: a decimal comma or point ({@code 87,4500}, {@code 9.3450}), an optional sign
 * ({@code +0.02}), no grouping and no exponent, and nominal units as a small whole number.
 */
public final class BankNumbers {

    private static final int MAX_NOMINAL_DIGITS = 9;
    private static final int MAX_SHOWN = 40;

    /**
     * The decimal as written, its decimals kept ({@code 87,4500} has four).
     *
     * @throws MalformedPublicationException naming {@code what} when the text is no such decimal
     */
    public static BigDecimal decimal(String text, String what) {
        String trimmed = text.strip();
        if (trimmed.indexOf(',') >= 0 && trimmed.indexOf('.') >= 0) {
            throw new MalformedPublicationException(what + " '" + shown(trimmed) + "' has both a decimal comma and a point");
        }
        try {
            return SaneDecimals.parse(trimmed.replace(',', '.'), what);
        } catch (IllegalArgumentException e) {
            throw new MalformedPublicationException(e.getMessage(), e);
        }
    }

    /**
     * The number of units a rate is for: a positive whole number.
     *
     * @throws MalformedPublicationException naming {@code what} when it is not one
     */
    public static int nominal(String text, String what) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NOMINAL_DIGITS || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedPublicationException(what + " must be a whole number of units such as 1 or 100, got '"
                    + shown(trimmed) + "'");
        }
        int nominal = Integer.parseInt(trimmed);
        if (nominal == 0) {
            throw new MalformedPublicationException(what + " must be at least 1 unit, got 0");
        }
        return nominal;
    }

    /**
     * The value with at least {@code decimals} decimals: a bank that sets its rates to two decimals but writes
     * {@code 179.5} for 179.50 published two, and the quote's precision must say so.
     */
    public static BigDecimal atLeastDecimals(BigDecimal value, int decimals) {
        return value.scale() >= decimals ? value : value.setScale(decimals);
    }

    /** At most 40 characters of a refused text, so that a huge one does not make a huge message. */
    public static String shown(String text) {
        if (text.length() <= MAX_SHOWN) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
        return text.substring(0, end) + "...";
    }

    private BankNumbers() {
    }
}

package io.steppewire.events;

import java.math.BigDecimal;

/**
 * Keeps every decimal that steppewire takes in (rates, reported changes, thresholds, levels) to a form
 * whose arithmetic costs a bounded time: plain digits, at most {@value #MAX_DIGITS} significant digits and
 * {@value #MAX_SCALE} decimals, within the bounds of its kind. A value such as {@code 1E-500000000} is a
 * short text but a number whose plain form has half a billion digits; it is refused before anything
 * formats or rescales it. Messages show refused values in their short scientific form only.
 */
public final class SaneDecimals {

    public static final int MAX_DIGITS = 30;
    public static final int MAX_SCALE = 30;
    /** Longest text {@link #parse} reads: a sign, 30 digits, a point and 30 leading zeros fit easily. */
    public static final int MAX_TEXT_LENGTH = 64;

    /** Values computed from inputs (intervals, inverses, percentages) may carry a few more digits; never unbounded. */
    private static final int MAX_DERIVED_DIGITS = 50;
    private static final int MAX_DERIVED_SCALE = 50;

    /** A rate of one currency in another: from one in a trillion to a trillion. */
    public static final BigDecimal MIN_RATE = new BigDecimal("0.000000000001");
    public static final BigDecimal MAX_RATE = new BigDecimal("1000000000000");
    /** A change in percent, reported or asked for: at most a million percent either way. */
    public static final BigDecimal MAX_PERCENT = new BigDecimal("1000000");

    /**
     * Reads decimal text: an optional sign, digits, at most one point; no exponent, no spaces, no grouping.
     *
     * @throws IllegalArgumentException saying what the field must look like
     */
    public static BigDecimal parse(String text, String field) {
        if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(field + " must be a plain decimal such as 515.90 of at most " + MAX_DIGITS
                    + " digits; got " + (text.isEmpty() ? "an empty text" : "a text of " + text.length() + " characters"));
        }
        int start = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        boolean point = false;
        boolean digit = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' && !point) {
                point = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                throw new IllegalArgumentException(field + " must be a plain decimal such as 515.90 (digits and at most one"
                        + " point; no exponent, spaces or grouping); got '" + text + "'");
            }
        }
        if (!digit) {
            throw new IllegalArgumentException(field + " must be a plain decimal such as 515.90; got '" + text + "'");
        }
        return check(new BigDecimal(text), field);
    }

    /**
     * Checks a decimal that arrived already parsed (a JSON number, a Kafka record): at most {@value #MAX_DIGITS}
     * significant digits and between 0 and {@value #MAX_SCALE} decimals. A negative scale only comes from an exponent.
     */
    public static BigDecimal check(BigDecimal value, String field) {
        if (value.scale() < 0 || value.scale() > MAX_SCALE || value.precision() > MAX_DIGITS) {
            throw new IllegalArgumentException(field + " must be a plain decimal of at most " + MAX_DIGITS
                    + " significant digits and " + MAX_SCALE + " decimals, without exponent; got " + value);
        }
        return value;
    }

    /** {@link #check} and a bound on the magnitude: {@code min <= value <= max}. */
    public static BigDecimal checkWithin(BigDecimal value, String field, BigDecimal min, BigDecimal max) {
        check(value, field);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " must be between " + min.toPlainString() + " and " + max.toPlainString()
                    + "; got " + value.toPlainString());
        }
        return value;
    }

    /** A rate: positive, between {@link #MIN_RATE} and {@link #MAX_RATE}. */
    public static BigDecimal rate(BigDecimal value, String field) {
        return checkWithin(value, field, MIN_RATE, MAX_RATE);
    }

    /** A change in percent, either way, at most {@link #MAX_PERCENT}. */
    public static BigDecimal percent(BigDecimal value, String field) {
        return checkWithin(value, field, MAX_PERCENT.negate(), MAX_PERCENT);
    }

    /** A value computed from checked inputs, as read back from a record: its size stays bounded. */
    public static BigDecimal derived(BigDecimal value, String field) {
        if (value.scale() < -MAX_DERIVED_SCALE || value.scale() > MAX_DERIVED_SCALE || value.precision() > MAX_DERIVED_DIGITS) {
            throw new IllegalArgumentException(field + " has " + value.precision() + " digits and scale " + value.scale()
                    + ", more than any value steppewire computes; the record is malformed");
        }
        return value;
    }

    private SaneDecimals() {
    }
}

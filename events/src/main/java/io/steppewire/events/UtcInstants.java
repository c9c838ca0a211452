package io.steppewire.events;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ser.std.StdScalarSerializer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads instants written the way every writer writes them ({@code 2026-03-14T10:00:00Z}, with up to
 * nine fraction digits) directly: {@code DateTimeFormatter} took an eighth of the rate stream's CPU
 * for the two instants of every quote. Any other form goes to Jackson's own instant parsing, so what
 * is accepted or refused, and with which message, does not change. Writes them directly too, in
 * exactly the text {@link Instant#toString()} gives.
 */
final class UtcInstants {

    /** What one unit of a fraction with this many digits is in nanoseconds (nothing for no fraction). */
    private static final long[] NANOS_PER_FRACTION_UNIT =
            {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /** From 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z; other years have a sign or more digits. */
    private static final long FIRST_FOUR_DIGIT_SECOND = -62_167_219_200L;
    private static final long FIRST_FIVE_DIGIT_SECOND = 253_402_300_800L;

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as an instant, or null for anything else, including
     * impossible dates and leap seconds, which are left to the full parser.
     */
    static @Nullable Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (length > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fractionDigits = Math.max(0, length - 21);
        int fraction = fractionDigits == 0 ? 0 : digits(text, 20, fractionDigits);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || fraction < 0) {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, fraction * NANOS_PER_FRACTION_UNIT[fractionDigits]);
    }

    /**
     * The same text as {@link Instant#toString()}: {@code yyyy-MM-ddTHH:mm:ssZ}, with the fraction in
     * groups of three digits as far as needed. Years outside 0000 to 9999 are left to {@code toString}.
     */
    static String format(Instant instant) {
        long epochSecond = instant.getEpochSecond();
        if (epochSecond < FIRST_FOUR_DIGIT_SECOND || epochSecond >= FIRST_FIVE_DIGIT_SECOND) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400L));
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        int nano = instant.getNano();
        int fractionDigits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] text = new char[20 + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
        putDigits(text, 0, 4, date.getYear());
        text[4] = '-';
        putDigits(text, 5, 2, date.getMonthValue());
        text[7] = '-';
        putDigits(text, 8, 2, date.getDayOfMonth());
        text[10] = 'T';
        putDigits(text, 11, 2, secondOfDay / 3_600);
        text[13] = ':';
        putDigits(text, 14, 2, secondOfDay / 60 % 60);
        text[16] = ':';
        putDigits(text, 17, 2, secondOfDay % 60);
        if (fractionDigits > 0) {
            text[19] = '.';
            putDigits(text, 20, fractionDigits, (int) (nano / NANOS_PER_FRACTION_UNIT[fractionDigits]));
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    private static void putDigits(char[] text, int from, int count, int value) {
        int rest = value;
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /** The decimal number in {@code count} characters from {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Takes the common UTC form itself and hands everything else, and all configuration, to Jackson's. */
    static final class Deserializer extends StdScalarDeserializer<Instant> {

        private final ValueDeserializer<?> jacksons;

        Deserializer(ValueDeserializer<?> jacksons) {
            super(Instant.class);
            this.jacksons = jacksons;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, @Nullable BeanProperty property) {
            ValueDeserializer<?> contextual = context.handleSecondaryContextualization(jacksons, property,
                    context.constructType(Instant.class));
            return contextual == jacksons ? this : new Deserializer(contextual);
        }

        @Override
        public void resolve(DeserializationContext context) {
            jacksons.resolve(context);
        }

        @Override
        public @Nullable Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = parseUtc(parser.getString());
                if (instant != null) {
                    return instant;
                }
            }
            return (Instant) jacksons.deserialize(parser, context);
        }
    }

    /** Writes instants with {@link #format}; the mapping writes them as text, never as numbers. */
    static final class Serializer extends StdScalarSerializer<Instant> {

        Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) throws JacksonException {
            generator.writeString(format(value));
        }
    }

    private UtcInstants() {
    }
}

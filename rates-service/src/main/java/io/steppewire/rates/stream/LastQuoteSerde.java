package io.steppewire.rates.stream;

import io.steppewire.events.Topics;
import io.steppewire.events.fx.QuotedAs;
import io.steppewire.events.fx.RateQuoted;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The format of the last-quote store and its changelog: a compact binary form of the quote, because
 * the store is read and written for every quote and JSON made up a fifth of the stream's CPU.
 * <p>
 * Version 1, all numbers big-endian: the version byte {@code 1}, then the fields of
 * {@link RateQuoted} in declaration order. A text is an {@code int} byte length ({@code -1} when
 * absent) and UTF-8; an {@code int} is four bytes; a decimal is a tag byte ({@code 0} absent,
 * {@code 1} unscaled value as a {@code long}, {@code 2} unscaled value as an {@code int} length and
 * two's-complement bytes) followed by the {@code int} scale; an instant is a tag byte ({@code 0}
 * absent, {@code 1} present) then {@code long} epoch seconds and {@code int} nanoseconds;
 * {@code quotedAs} is a tag byte then its pair, rate and decimals. Every field may be absent, as a
 * quote read from JSON may lack one the checks do not need.
 * <p>
 * Entries written before this format are the topic's JSON, which always starts with {@code '{'}:
 * they are still read, so an existing changelog restores unchanged and is rewritten as each pair
 * and source gets its next quote. A later format takes the next version byte and keeps reading
 * this one.
 */
final class LastQuoteSerde implements Serde<RateQuoted>, Serializer<RateQuoted>, Deserializer<RateQuoted> {

    static final byte VERSION_1 = 1;

    private static final byte JSON_START = '{';
    private static final byte ABSENT = 0;
    private static final byte PRESENT = 1;
    private static final byte LONG_UNSCALED = 1;
    private static final byte BYTES_UNSCALED = 2;
    private static final int ABSENT_TEXT = -1;
    /** Fits a typical quote without the buffer growing. */
    private static final int TYPICAL_SIZE = 192;

    private final Deserializer<RateQuoted> legacyJson = Topics.QUOTES.valueSerde().deserializer();

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable RateQuoted quote) {
        if (quote == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(TYPICAL_SIZE);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION_1);
            writeText(out, quote.quoteId());
            writeText(out, quote.pair());
            writeDecimal(out, quote.rate());
            out.writeInt(quote.decimals());
            writeDecimal(out, quote.rateLow());
            writeDecimal(out, quote.rateHigh());
            QuotedAs quotedAs = quote.quotedAs();
            out.writeByte(quotedAs == null ? ABSENT : PRESENT);
            if (quotedAs != null) {
                writeText(out, quotedAs.pair());
                writeDecimal(out, quotedAs.rate());
                out.writeInt(quotedAs.decimals());
            }
            writeDecimal(out, quote.reportedChangePct());
            writeInstant(out, quote.asOf());
            writeText(out, quote.source());
            writeText(out, quote.pageId());
            writeInstant(out, quote.quotedAt());
        } catch (IOException e) {
            throw new UncheckedIOException("An in-memory stream does not fail", e);
        }
        return bytes.toByteArray();
    }

    @Override
    @SuppressWarnings("NullAway") // fields absent in the stored quote stay absent, as they were when it was stored
    public @Nullable RateQuoted deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == JSON_START) {
            return legacyJson.deserialize(topic, data);
        }
        if (data.length == 0 || data[0] != VERSION_1) {
            throw new SerializationException("Stored last quote on " + topic + " has unknown format version "
                    + (data.length == 0 ? "(empty)" : Byte.toString(data[0])) + "; it was written by a newer rates-service");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1);
            String quoteId = readText(in);
            String pair = readText(in);
            BigDecimal rate = readDecimal(in);
            int decimals = in.getInt();
            BigDecimal rateLow = readDecimal(in);
            BigDecimal rateHigh = readDecimal(in);
            QuotedAs quotedAs = in.get() == PRESENT ? new QuotedAs(readText(in), readDecimal(in), in.getInt()) : null;
            BigDecimal reportedChangePct = readDecimal(in);
            Instant asOf = readInstant(in);
            String source = readText(in);
            String pageId = readText(in);
            Instant quotedAt = readInstant(in);
            return new RateQuoted(quoteId, pair, rate, decimals, rateLow, rateHigh, quotedAs, reportedChangePct,
                    asOf, source, pageId, quotedAt);
        } catch (RuntimeException e) {
            // Running past the end, a bad length, an unknown tag: the entry cannot be trusted in any part.
            throw new SerializationException("Stored last quote on " + topic + " is truncated or corrupt", e);
        }
    }

    private static void writeText(DataOutputStream out, @Nullable String text) throws IOException {
        if (text == null) {
            out.writeInt(ABSENT_TEXT);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static @Nullable String readText(ByteBuffer in) {
        int length = in.getInt();
        if (length == ABSENT_TEXT) {
            return null;
        }
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    private static void writeDecimal(DataOutputStream out, @Nullable BigDecimal decimal) throws IOException {
        if (decimal == null) {
            out.writeByte(ABSENT);
            return;
        }
        BigInteger unscaled = decimal.unscaledValue();
        if (unscaled.bitLength() < Long.SIZE) {
            out.writeByte(LONG_UNSCALED);
            out.writeLong(unscaled.longValue());
        } else {
            byte[] magnitude = unscaled.toByteArray();
            out.writeByte(BYTES_UNSCALED);
            out.writeInt(magnitude.length);
            out.write(magnitude);
        }
        out.writeInt(decimal.scale());
    }

    private static @Nullable BigDecimal readDecimal(ByteBuffer in) {
        byte tag = in.get();
        if (tag == ABSENT) {
            return null;
        }
        if (tag == LONG_UNSCALED) {
            long unscaled = in.getLong();
            return BigDecimal.valueOf(unscaled, in.getInt());
        }
        if (tag != BYTES_UNSCALED) {
            throw new IllegalArgumentException("unknown decimal tag " + tag);
        }
        byte[] magnitude = new byte[in.getInt()];
        in.get(magnitude);
        return new BigDecimal(new BigInteger(magnitude), in.getInt());
    }

    private static void writeInstant(DataOutputStream out, @Nullable Instant instant) throws IOException {
        if (instant == null) {
            out.writeByte(ABSENT);
            return;
        }
        out.writeByte(PRESENT);
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static @Nullable Instant readInstant(ByteBuffer in) {
        if (in.get() == ABSENT) {
            return null;
        }
        long seconds = in.getLong();
        return Instant.ofEpochSecond(seconds, in.getInt());
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the format is fixed by its version.
    }

    @Override
    public void close() {
        // Holds no resources.
    }

    @Override
    public Serializer<RateQuoted> serializer() {
        return this;
    }

    @Override
    public Deserializer<RateQuoted> deserializer() {
        return this;
    }
}

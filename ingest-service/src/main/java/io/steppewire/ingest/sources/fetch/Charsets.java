package io.steppewire.ingest.sources.fetch;

import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a fetched body by what it says about itself. A byte-order mark is certain; otherwise the charset of the
 * Content-Type header and the one the document declares (XML prolog, HTML meta) are candidates, and sites get them
 * wrong: UTF-8 named anywhere wins when the bytes are valid UTF-8, a named single-byte charset next, and a body that
 * names nothing is UTF-8 if it can be and windows-1252 if not.
 */
public final class Charsets {

    private static final Pattern HEADER_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_ENCODING = Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final Pattern META_CHARSET = Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** Declarations sit at the top; more is never read for them. */
    private static final int DECLARATION_WINDOW = 4096;

    private Charsets() {
    }

    public static String decode(byte[] body, @Nullable String contentType) {
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(body, 0xFE, 0xFF)) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16BE);
        }
        if (startsWith(body, 0xFF, 0xFE)) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16LE);
        }
        List<Charset> named = new ArrayList<>();
        add(named, contentType == null ? null : find(HEADER_CHARSET, contentType));
        String head = new String(body, 0, Math.min(body.length, DECLARATION_WINDOW), StandardCharsets.ISO_8859_1);
        add(named, find(XML_ENCODING, head));
        add(named, find(META_CHARSET, head));
        @Nullable String utf8 = strictUtf8(body);
        if (utf8 != null && (named.isEmpty() || named.contains(StandardCharsets.UTF_8) || isAscii(body))) {
            return utf8;
        }
        for (Charset charset : named) {
            if (!charset.equals(StandardCharsets.UTF_8)) {
                // ISO-8859-1 is named where windows-1252 is meant (curly quotes in 0x80-0x9F); browsers do the same.
                return new String(body, charset.equals(StandardCharsets.ISO_8859_1) ? WINDOWS_1252 : charset);
            }
        }
        return utf8 != null ? utf8 : new String(body, WINDOWS_1252);
    }

    private static @Nullable String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static void add(List<Charset> named, @Nullable String name) {
        if (name == null) {
            return;
        }
        try {
            Charset charset = Charset.forName(name.toLowerCase(Locale.ROOT));
            if (!named.contains(charset)) {
                named.add(charset);
            }
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            // An unknown name says nothing usable; the other candidates decide.
        }
    }

    private static @Nullable String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

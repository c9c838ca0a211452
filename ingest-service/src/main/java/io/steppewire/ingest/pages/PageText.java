package io.steppewire.ingest.pages;

import org.springframework.http.HttpStatus;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns a request body into page text, refusing what is not UTF-8 or holds nothing. */
final class PageText {

    private PageText() {
    }

    static String decode(byte[] body) {
        if (body.length == 0) {
            throw new PageRejectedException(HttpStatus.BAD_REQUEST, "Empty page", "empty",
                    "The request body is empty. Send the flattened page as text/plain; charset=utf-8.", null);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw notUtf8(in.position());
        }
        out.flip();
        String text = out.toString();
        // A byte-order mark is an encoding artefact, not part of the first line.
        if (!text.isEmpty() && text.charAt(0) == '\ufeff') {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new PageRejectedException(HttpStatus.BAD_REQUEST, "Empty page", "empty",
                    "The request body holds only white space. Send the flattened page as text/plain; charset=utf-8.",
                    null);
        }
        return text;
    }

    private static PageRejectedException notUtf8(int offset) {
        return new PageRejectedException(HttpStatus.BAD_REQUEST, "Body is not UTF-8", "not_utf8",
                "The request body is not valid UTF-8 (first bad byte at offset " + offset + "). Save the page as"
                        + " UTF-8 and send it as text/plain; charset=utf-8.", null);
    }
}

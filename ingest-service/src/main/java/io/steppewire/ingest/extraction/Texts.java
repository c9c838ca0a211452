package io.steppewire.ingest.extraction;

import io.steppewire.ingest.text.UnicodeSpaces;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Text clean-up shared by both entry points. */
final class Texts {

    private static final Pattern SEPARATORS = Pattern.compile("(?:^|\\s)[|·•](?:\\s|$)");

    private Texts() {
    }

    /**
     * NFC, every Unicode space (no-break, figure, narrow, thin, zero-width, joiners, BOM) and control character as
     * a plain space, soft hyphens removed, runs of spaces collapsed, ends stripped. Real pages put no-break spaces
     * inside sentences; downstream rules only know the plain space.
     */
    static String clean(String text) {
        String nfc = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        boolean pendingSpace = false;
        for (int i = 0; i < nfc.length(); i++) {
            char c = nfc.charAt(i);
            if (c == '\u00ad') {
                continue;
            }
            if (isSpace(c)) {
                pendingSpace = !out.isEmpty();
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A Unicode space ({@link UnicodeSpaces}) or a control character, which a page's text never means to show. */
    static boolean isSpace(char c) {
        return c <= ' ' || c == '\u007f' || (c >= '\u0080' && c <= '\u009f') || UnicodeSpaces.isSpace(c);
    }

    /** The parts of a meta line between separators: "By A. Name | 14 March 2026 · 3 min" gives three. */
    static List<String> parts(String line) {
        List<String> parts = new ArrayList<>();
        for (String part : SEPARATORS.split(line)) {
            String stripped = part.strip();
            if (!stripped.isEmpty()) {
                parts.add(stripped);
            }
        }
        return parts;
    }

    static int wordCount(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = text.charAt(i) == ' ';
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }

    /** Compares headlines as a reader would: case, quotes, dashes and spacing aside. */
    static String comparable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}

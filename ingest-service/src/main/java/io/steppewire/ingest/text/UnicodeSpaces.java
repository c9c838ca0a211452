package io.steppewire.ingest.text;

/**
 * Which characters are white space for steppewire's text rules. Java's {@link Character#isWhitespace} leaves out the
 * no-break spaces (U+00A0, U+2007, U+202F) and knows nothing of the zero-width ones, yet real pages put them inside
 * sentences, dates and datelines; every rule that looks for a space must see them as one.
 */
public final class UnicodeSpaces {

    private UnicodeSpaces() {
    }

    /**
     * Ordinary white space and line breaks, every space separator (U+00A0, U+1680, U+2000-U+200A including figure
     * U+2007 and thin U+2009, narrow no-break U+202F, U+205F, U+3000), the line and paragraph separators, zero-width
     * space and (non-)joiners U+200B-U+200D, word joiner U+2060 and the byte-order mark U+FEFF.
     */
    public static boolean isSpace(char c) {
        if (c < 0x80) {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
        }
        return Character.isSpaceChar(c) || Character.isWhitespace(c)
                || (c >= '\u200b' && c <= '\u200d') || c == '\u2060' || c == '\ufeff';
    }

    /**
     * The text with every {@link #isSpace Unicode space} beyond ASCII turned into a plain space, one character for
     * one, so positions and lengths stay as they were; ASCII white space (tabs, line breaks) is left to the rules
     * that already know it. Returns the same instance when there is nothing to replace.
     */
    public static String plain(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && !needsReplacing(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (; i < n; i++) {
            if (needsReplacing(chars[i])) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private static boolean needsReplacing(char c) {
        return c > 0x7f && isSpace(c);
    }
}

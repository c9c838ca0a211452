package io.steppewire.rates.change;

/** The store key of the last quote kept per pair and source: quotes are compared only within their source. */
public final class ReferenceKey {

    private static final char SEPARATOR = '\u001f';

    public static String of(String pair, String source) {
        return pair + SEPARATOR + source;
    }

    private ReferenceKey() {
    }
}

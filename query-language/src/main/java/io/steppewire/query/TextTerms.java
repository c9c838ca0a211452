package io.steppewire.query;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into the words that queries are matched on: Unicode-compatibility folded, lower case,
 * runs of letters and digits. Queries and articles go through the same folding, so
 * {@code "Solar-Park"} in a query finds "solar park" in an article.
 */
public final class TextTerms {

    private TextTerms() {
    }

    public static List<String> words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < folded.length(); ) {
            int codePoint = folded.codePointAt(i);
            boolean wordChar = Character.isLetterOrDigit(codePoint);
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            words.add(folded.substring(start));
        }
        return words;
    }

    /** The key of a term or phrase: its words joined by single spaces. */
    public static String key(String text) {
        return String.join(" ", words(text));
    }
}

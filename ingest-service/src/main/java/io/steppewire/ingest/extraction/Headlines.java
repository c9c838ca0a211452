package io.steppewire.ingest.extraction;

import java.util.Locale;
import java.util.Set;

/**
 * Makes a front page's headline read as a title line of the text page format: Title Case, no final period, at most
 * one line. The segmenter tells titles from text by that shape, so a headline written in sentence case
 * ("Uzbekistan switches on its largest solar park") would otherwise be read as a paragraph of the story above.
 */
final class Headlines {

    /** Words Title Case leaves in lower case (the segmenter's list, so that both agree on what a title looks like). */
    private static final Set<String> MINOR_WORDS = Set.of(
            "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
            "as", "vs", "vs.", "per", "via", "into", "onto", "over", "off", "up", "out", "than", "is", "be", "it",
            "its", "after", "amid", "near", "under", "about", "against", "despite", "between", "without", "across",
            "toward", "towards", "through", "during", "before", "behind", "beyond", "since", "until", "upon", "not");

    private Headlines() {
    }

    static String asTitleLine(String headline) {
        String text = Texts.clean(headline);
        while (!text.isEmpty() && ".;,:".indexOf(text.charAt(text.length() - 1)) >= 0
                && !text.endsWith("...") && !text.endsWith("…")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return isTitleCase(text) ? text : titleCase(text);
    }

    /** At least three in four main words capitalised, the first word too: the shape the segmenter reads as a heading. */
    static boolean isTitleCase(String text) {
        int counted = 0;
        int capitalised = 0;
        boolean first = true;
        for (String raw : text.split(" ")) {
            String word = trimPunctuation(raw);
            if (word.isEmpty()) {
                continue;
            }
            boolean upper = Character.isUpperCase(word.charAt(0)) || Character.isDigit(word.charAt(0));
            if (first) {
                first = false;
                if (!upper) {
                    return false;
                }
            }
            if (!upper && MINOR_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                continue;
            }
            counted++;
            if (upper) {
                capitalised++;
            }
        }
        return counted > 0 && capitalised * 4 >= counted * 3;
    }

    static String titleCase(String text) {
        String[] words = text.split(" ");
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (i > 0) {
                out.append(' ');
            }
            String bare = trimPunctuation(word);
            boolean minor = i > 0 && i < words.length - 1 && MINOR_WORDS.contains(bare.toLowerCase(Locale.ROOT))
                    && !endsClause(words[i - 1]);
            out.append(minor ? word : capitalise(word));
        }
        return out.toString();
    }

    private static boolean endsClause(String previous) {
        return previous.endsWith(":") || previous.endsWith("–") || previous.endsWith("—");
    }

    /** Capitalises the first letter of a word and of each part after a hyphen: "cut-off" becomes "Cut-Off". */
    private static String capitalise(String word) {
        StringBuilder out = new StringBuilder(word);
        boolean atStart = true;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (Character.isLetter(c)) {
                if (atStart) {
                    out.setCharAt(i, Character.toTitleCase(c));
                }
                atStart = false;
            } else if (c == '-' ) {
                atStart = true;
            } else if (Character.isDigit(c)) {
                atStart = false;
            }
        }
        return out.toString();
    }

    private static String trimPunctuation(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !Character.isLetterOrDigit(word.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(start, end);
    }
}

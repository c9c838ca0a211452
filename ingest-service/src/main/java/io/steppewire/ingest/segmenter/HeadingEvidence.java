package io.steppewire.ingest.segmenter;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Weighs whether a heading-shaped line opens a new article (a title) or stands inside the current
 * one (a subheading). Both look alike on purpose, so the decision adds up evidence from the line
 * itself and from its neighbours; every piece that counted is named in the reason.
 * A positive total means title.
 */
final class HeadingEvidence {

    /** Words too common to say anything about what two texts share. */
    private static final Set<String> STOPWORDS = Set.of(
            "the", "and", "for", "from", "with", "that", "this", "these", "those", "their", "there", "they", "them",
            "have", "has", "had", "was", "were", "will", "would", "could", "should", "been", "being", "into", "over",
            "after", "before", "about", "than", "then", "when", "where", "what", "which", "while", "who", "whom",
            "why", "how", "its", "our", "your", "his", "her", "are", "not", "but", "all", "any", "some", "more",
            "most", "other", "such", "only", "also", "just", "very", "said", "says", "year", "years", "week",
            "day", "days", "new", "one", "two", "three", "first", "last", "near", "under", "still", "back", "out",
            "keeps", "does", "did", "can", "may", "might", "must", "each", "every", "between", "without", "again");

    private static final Set<String> STOP_STEMS = stopStems();

    /** Openings of a paragraph that continues a story rather than starting one. */
    private static final Set<String> CONTINUING_OPENERS = Set.of(
            "he", "she", "it", "they", "their", "his", "her", "its", "this", "that", "these", "those", "but",
            "and", "yet", "still", "then", "there", "here", "so", "instead", "meanwhile", "now", "others", "some",
            "many", "most", "such", "later", "today", "once");

    record Verdict(boolean title, double score, String reason) {
    }

    /**
     * What the segmenter knows around one heading.
     *
     * @param heading              the stripped heading line
     * @param articleOpen          an article is open above this heading
     * @param paragraphsAbove      paragraphs the open article has so far
     * @param subheadingsAbove     subheadings the open article has so far
     * @param captionJustAbove     the nearest non-blank line above is a caption
     * @param nextParagraph        the paragraph right after the heading, if one follows directly
     * @param articleAboveStems    content-word stems of the open article's title, subheadings and lede
     * @param paragraphAbove       the paragraph just above, if the open article has one
     */
    record Context(String heading, boolean articleOpen, int paragraphsAbove, int subheadingsAbove,
                   boolean captionJustAbove, @Nullable String nextParagraph, Set<String> articleAboveStems,
                   @Nullable String paragraphAbove) {
    }

    private HeadingEvidence() {
    }

    private static Set<String> stopStems() {
        Set<String> stems = new HashSet<>();
        for (String word : STOPWORDS) {
            if (word.length() >= 4) {
                stems.add(word.substring(0, Math.min(word.length(), 5)));
            }
        }
        return Set.copyOf(stems);
    }

    static Verdict weigh(Context c) {
        if (!c.articleOpen()) {
            return new Verdict(true, 1, "title: the first heading after the page header opens the first article");
        }
        List<String> forTitle = new ArrayList<>();
        List<String> forSubheading = new ArrayList<>();
        double score = 0;

        int words = LineShapes.wordCount(c.heading());
        if (words >= 7) {
            score += 2;
            forTitle.add(words + " words, headline length");
        } else if (words >= 5) {
            score += 1;
            forTitle.add(words + " words");
        } else if (words == 4) {
            score -= 0.5;
            forSubheading.add("only 4 words");
        } else {
            score -= 2;
            forSubheading.add("only " + words + (words == 1 ? " word" : " words") + ", subheading length");
        }
        if (LineShapes.hasTitleLabel(c.heading())) {
            score += 4;
            forTitle.add("opens with a label such as 'Video:' that only headlines carry");
        } else if (c.heading().indexOf(':') > 0) {
            score += 2;
            forTitle.add("a colon headline");
        }
        if (c.heading().endsWith("?")) {
            score += 1;
            forTitle.add("asks a question");
        }
        if (c.paragraphsAbove() == 0) {
            score += 2.5;
            forTitle.add("the article above has no paragraph yet, and features open with text before any subheading");
        }
        if (c.captionJustAbove()) {
            score -= 2;
            forSubheading.add("an image caption stands just above, as between the sections of a feature");
        }
        if (c.subheadingsAbove() > 0) {
            score -= 1.5;
            forSubheading.add("the article above already has subheadings");
        }
        Set<String> headingStems = stems(c.heading());
        String next = c.nextParagraph();
        if (next == null) {
            score += 0.5;
            forTitle.add("no paragraph follows directly");
        } else {
            if (LineShapes.opensWithDateline(next)) {
                score += 3;
                forTitle.add("the next paragraph opens with a dateline");
            } else if (continuesStory(next)) {
                score -= 1;
                forSubheading.add("the next paragraph opens with '" + firstWord(next) + "', continuing a story");
            }
            int sharedNext = foundIn(headingStems, next, Set.of()).size();
            if (sharedNext >= 2) {
                score += 1.5;
                forTitle.add("shares " + sharedNext + " words with the paragraph below");
            } else if (sharedNext == 1) {
                score += 0.5;
                forTitle.add("shares a word with the paragraph below");
            }
        }
        Set<String> knownAbove = new HashSet<>();
        for (String stem : headingStems) {
            if (c.articleAboveStems().contains(stem)) {
                knownAbove.add(stem);
            }
        }
        int sharedAbove = c.paragraphAbove() == null ? knownAbove.size()
                : knownAbove.size() + foundIn(headingStems, c.paragraphAbove(), knownAbove).size();
        if (sharedAbove > 0) {
            double weight = Math.min(2, sharedAbove);
            score -= weight;
            forSubheading.add("shares " + sharedAbove + (sharedAbove == 1 ? " word" : " words")
                    + " with the article above (its title, lede or the paragraph just above)");
        }
        boolean title = score > 0;
        String reason = (title ? "title" : "subheading") + " (score " + format(score) + "): "
                + (forTitle.isEmpty() ? "" : "for a new article: " + String.join("; ", forTitle))
                + (forTitle.isEmpty() || forSubheading.isEmpty() ? "" : "; ")
                + (forSubheading.isEmpty() ? "" : "for a subheading: " + String.join("; ", forSubheading));
        return new Verdict(title, score, reason);
    }

    private static boolean continuesStory(String paragraph) {
        String word = firstWord(paragraph);
        return !word.isEmpty() && (Character.isLowerCase(word.charAt(0))
                || CONTINUING_OPENERS.contains(word.toLowerCase(Locale.ROOT)));
    }

    private static String firstWord(String paragraph) {
        int end = 0;
        while (end < paragraph.length() && end < 40 && !Character.isWhitespace(paragraph.charAt(end))) {
            end++;
        }
        return LineShapes.trimPunctuation(paragraph.substring(0, end));
    }

    /** Content words cut to five letters, a crude stem that makes 'farmers' meet 'farming'. */
    static Set<String> stems(String text) {
        Set<String> stems = new HashSet<>();
        addStems(text, stems);
        return stems;
    }

    static void addStems(String text, Set<String> stems) {
        forEachStem(text, stems::add);
    }

    /**
     * The wanted stems that occur in the text, leaving out those already counted. The wanted stems
     * are a heading's few words, so each word of the text is compared with them letter by letter
     * rather than turned into a string of its own.
     */
    private static Set<String> foundIn(Set<String> wanted, String text, Set<String> alreadyCounted) {
        List<String> open = new ArrayList<>(wanted.size());
        for (String stem : wanted) {
            if (!alreadyCounted.contains(stem)) {
                open.add(stem);
            }
        }
        Set<String> found = new HashSet<>();
        int i = 0;
        int n = Math.min(text.length(), 20_000);
        while (i < n && !open.isEmpty()) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length < 4) {
                continue;
            }
            int stemLength = Math.min(length, 5);
            for (int k = 0; k < open.size(); k++) {
                if (sameStem(open.get(k), text, start, stemLength)) {
                    found.add(open.remove(k));
                    break;
                }
            }
        }
        return found;
    }

    private static boolean sameStem(String stem, String text, int start, int length) {
        if (stem.length() != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (stem.charAt(k) != Character.toLowerCase(text.charAt(start + k))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Calls back with the stem of every content word: its first five letters in lower case. Words
     * whose stem is the stem of a stop word are skipped, which spares a lower-cased copy of every word.
     */
    private static void forEachStem(String text, Consumer<String> sink) {
        int i = 0;
        int n = Math.min(text.length(), 20_000);
        char[] stem = new char[5];
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length >= 4) {
                int stemLength = Math.min(length, 5);
                for (int k = 0; k < stemLength; k++) {
                    stem[k] = Character.toLowerCase(text.charAt(start + k));
                }
                String value = new String(stem, 0, stemLength);
                if (!STOP_STEMS.contains(value)) {
                    sink.accept(value);
                }
            }
        }
    }

    /** Scores are sums of halves, so one decimal is exact; String.format would cost more than the weighing. */
    private static String format(double score) {
        double rounded = Math.round(score * 10) / 10.0;
        return (rounded >= 0 ? "+" : "") + rounded;
    }
}

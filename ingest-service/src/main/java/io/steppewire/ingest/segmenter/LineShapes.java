package io.steppewire.ingest.segmenter;

import io.steppewire.ingest.text.UnicodeSpaces;
import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognisers for the shapes a single line can have. Each one checks a cheap first character or
 * length condition before any regular expression, so that huge or hostile lines stay linear. Lines come with their
 * Unicode spaces already made plain ({@link UnicodeSpaces#plain}), so {@code \s} and the word walks see them.
 */
final class LineShapes {

    /** Longer lines are never headings: real titles stay well under this. */
    static final int MAX_HEADING_CHARS = 160;
    static final int MAX_HEADING_WORDS = 22;

    /**
     * A ticker cell: {@code • PAIR = rate change%}. The two numbers are taken as any text without spaces here and
     * checked by {@link io.steppewire.events.SaneDecimals} afterwards, so that a garbled cell ({@code 1E5},
     * forty digits) is still known as a ticker line and ignored with its reason, instead of becoming article text.
     */
    private static final Pattern TICKER = Pattern.compile(
            "\\s*•\\s*([A-Za-z]{3}\\s*/\\s*[A-Za-z]{3})\\s*=\\s*(\\S{1,80}?)\\s+(\\S{1,80}?)\\s*%\\s*");
    private static final Pattern DATE = Pattern.compile("\\s*(\\d{1,2})\\s+(\\p{L}{3,9})\\s+(\\d{4})\\s*");
    private static final Pattern CAPTION_LINE = Pattern.compile(
            "\\s*(?:image|photo|picture|photograph)s?(?:\\s+credit)?\\s*:\\s*(.*?)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CAPTION_TAIL = Pattern.compile(
            ";\\s*(?:image|photo|picture)s?\\s*:\\s*(.*?)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern BOILERPLATE = Pattern.compile(
            "\\s*(?:follow our .{0,120}coverage .{0,200} here\\.?"
                    + "|(?:read|see) (?:more|also)\\b.{0,200}"
                    + "|(?:subscribe|sign up)\\b.{0,200}(?:newsletter|channel|updates|here)\\.?"
                    + "|advertisement|sponsored content|share this(?: article| story)?:?"
                    + "|related(?: stories| articles)?:.{0,200}"
                    + "|(?:click|tap) here\\b.{0,200})\\s*",
            Pattern.CASE_INSENSITIVE);
    /** The opening words of every alternative of {@link #BOILERPLATE}. */
    private static final List<String> BOILERPLATE_OPENINGS = List.of("follow our", "read ", "see ", "subscribe",
            "sign up", "advertisement", "sponsored content", "share this", "related", "click here", "tap here");
    /** A wire-style dateline opening a lede: {@code TASHKENT – } or {@code NUR-SULTAN, Kazakhstan — }. */
    private static final Pattern DATELINE = Pattern.compile(
            "\\p{Lu}[\\p{Lu}.'’ -]{1,40}(?:,\\s*\\p{L}[\\p{L} ]{1,30})?\\s+[–—-]\\s.*");
    /** Labels that only ever open a headline, never a subheading. */
    private static final Pattern TITLE_LABEL = Pattern.compile(
            "(?:video|watch|podcast|photos|gallery|live|opinion|analysis|interview|explainer|in pictures)\\s*:.*",
            Pattern.CASE_INSENSITIVE);

    /** Words that Title Case leaves in lower case. */
    private static final Set<String> MINOR_WORDS = Set.of(
            "a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
            "as", "vs", "vs.", "per", "via", "into", "onto", "over", "off", "up", "out", "than", "is", "be", "it",
            "its", "after", "amid", "near", "under", "about", "against", "despite", "between", "without", "across",
            "toward", "towards", "through", "during", "before", "behind", "beyond", "since", "until", "upon", "not");

    private LineShapes() {
    }

    static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!UnicodeSpaces.isSpace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    record Ticker(String pair, String rate, String changePct) {
    }

    static @Nullable Ticker ticker(String line) {
        int first = firstNonSpace(line);
        if (first < 0 || line.charAt(first) != '•' || line.length() > 200) {
            return null;
        }
        Matcher m = TICKER.matcher(line);
        if (!m.matches()) {
            return null;
        }
        return new Ticker(m.group(1).replace(" ", "").toUpperCase(Locale.ROOT), m.group(2), m.group(3));
    }

    /** A line holding only {@code DD Month YYYY}; null when it is not one or names no real day. */
    static @Nullable LocalDate date(String line) {
        int first = firstNonSpace(line);
        if (first < 0 || !Character.isDigit(line.charAt(first)) || line.length() > 40) {
            return null;
        }
        Matcher m = DATE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        Month month = month(m.group(2));
        if (month == null) {
            return null;
        }
        int day = Integer.parseInt(m.group(1));
        int year = Integer.parseInt(m.group(3));
        if (day < 1 || day > month.length(java.time.Year.isLeap(year))) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private static @Nullable Month month(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Month month : Month.values()) {
            String full = month.name().toLowerCase(Locale.ROOT);
            if (full.equals(lower) || (lower.length() == 3 && full.startsWith(lower))
                    || (lower.equals("sept") && month == Month.SEPTEMBER)) {
                return month;
            }
        }
        return null;
    }

    /** The credit of a caption line ({@code Image: X}, or a sentence ending in {@code ; image: X}); null otherwise. */
    static @Nullable String captionCredit(String line) {
        if (line.length() > 1_000) {
            return null;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Matcher whole = CAPTION_LINE.matcher(line);
        if (whole.matches()) {
            return whole.group(1);
        }
        int semicolon = line.lastIndexOf(';');
        if (semicolon >= 0) {
            Matcher tail = CAPTION_TAIL.matcher(line).region(semicolon, line.length());
            if (tail.matches()) {
                return tail.group(1);
            }
        }
        return null;
    }

    static boolean isBoilerplate(String line) {
        if (line.length() > 400) {
            return false;
        }
        int first = firstNonSpace(line);
        if (first < 0) {
            return false;
        }
        // Most lines are turned away by their opening words, without running the regex.
        for (String opening : BOILERPLATE_OPENINGS) {
            if (line.regionMatches(true, first, opening, 0, opening.length())) {
                return BOILERPLATE.matcher(line).matches();
            }
        }
        return false;
    }

    static boolean opensWithDateline(String paragraph) {
        int dash = indexOfDash(paragraph, 60);
        return dash > 0 && DATELINE.matcher(paragraph.substring(0, Math.min(paragraph.length(), dash + 2))).matches();
    }

    private static int indexOfDash(String text, int within) {
        int end = Math.min(text.length(), within);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if ((c == '–' || c == '—' || c == '-') && i > 0 && text.charAt(i - 1) == ' ') {
                return i;
            }
        }
        return -1;
    }

    static boolean hasTitleLabel(String heading) {
        int colon = heading.indexOf(':');
        return colon > 0 && colon < 20 && TITLE_LABEL.matcher(heading).matches();
    }

    /**
     * A heading is short, ends without sentence punctuation and is written in Title Case. The reason
     * when it is not is returned through {@code why}; null means it is heading-shaped.
     */
    static @Nullable String whyNotHeading(String stripped) {
        if (stripped.length() > MAX_HEADING_CHARS) {
            return "longer than " + MAX_HEADING_CHARS + " characters, too long for a heading";
        }
        char last = lastSignificant(stripped);
        if (last == '.' || last == '!' || last == ';' || last == ',' || last == ':') {
            return "ends with '" + last + "' like a sentence";
        }
        int words = 0;
        int counted = 0;
        int capitalised = 0;
        boolean firstSeen = false;
        int i = 0;
        int n = stripped.length();
        // Walks the words by hand: this runs for every text line, and a regex split would dominate the parse.
        while (i < n) {
            while (i < n && Character.isWhitespace(stripped.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(stripped.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            if (++words > MAX_HEADING_WORDS) {
                return "has more than " + MAX_HEADING_WORDS + " words, too many for a heading";
            }
            String word = trimPunctuation(stripped.substring(start, i));
            if (word.isEmpty()) {
                continue;
            }
            char head = word.charAt(0);
            boolean upper = Character.isUpperCase(head) || Character.isDigit(head);
            if (!firstSeen) {
                firstSeen = true;
                if (!upper) {
                    return "starts with a lower-case word";
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
        if (counted == 0) {
            return "holds no words";
        }
        if (capitalised * 4 < counted * 3) {
            return "only " + capitalised + " of " + counted + " main words are capitalised, not Title Case";
        }
        return null;
    }

    static int wordCount(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }

    /** The last character that is not a closing quote, bracket or white space. */
    private static char lastSignificant(String text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '"' && c != '”' && c != '’' && c != '\'' && c != ')' && c != '»') {
                return c;
            }
        }
        return ' ';
    }

    static String trimPunctuation(String word) {
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

    private static int firstNonSpace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}

package io.steppewire.article.search;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One article under one analysed term, with everything a {@code q} listing needs to match and rank it without
 * reading the article: its version, sort key, length and how it uses the term.
 *
 * <p>Entries travel many to a text ({@link #appendTo}, {@link Reader}) so that a posting holds a few long
 * strings instead of thousands of small values: cheaper to store, send and parse. An entry starts with its id
 * (length first, so an id may hold any character) and its version, which is all a reader needs to match; the
 * rest is decoded only for the few articles that match every term. Numbers are base 36.
 *
 * @param articleId   the article
 * @param version     the article's {@code ingestedAt} in epoch milliseconds: a newer sighting wins
 * @param publishedOn the article's publication day
 * @param firstSeenAt when the article was first seen, to the millisecond
 * @param termTotal   the number of terms in the article, repeats included
 * @param count       how often the term occurs in the article
 * @param inTitle     whether the term occurs in the title
 */
public record TermEntry(String articleId, long version, LocalDate publishedOn, Instant firstSeenAt, int termTotal,
                        int count, boolean inTitle) {

    private static final int RADIX = 36;
    private static final char FIELD_END = ',';
    private static final char ENTRY_END = ';';

    public void appendTo(StringBuilder text) {
        appendTo(text, articlePart(articleId, version, publishedOn, firstSeenAt, termTotal), count, inTitle);
    }

    /**
     * The part of an entry that all entries of one article share: made once per article, it spares writing the
     * same numbers for each of its terms.
     */
    public static String articlePart(String articleId, long version, LocalDate publishedOn, Instant firstSeenAt, int termTotal) {
        return Integer.toString(articleId.length(), RADIX) + FIELD_END + articleId
                + Long.toString(version, RADIX) + FIELD_END
                + Long.toString(publishedOn.toEpochDay(), RADIX) + FIELD_END
                + Long.toString(firstSeenAt.toEpochMilli(), RADIX) + FIELD_END
                + Integer.toString(termTotal, RADIX) + FIELD_END;
    }

    /** Appends the entry of an article (its {@link #articlePart}) under one term. */
    public static void appendTo(StringBuilder text, String articlePart, int count, boolean inTitle) {
        text.append(articlePart).append(Integer.toString(count, RADIX)).append(FIELD_END)
                .append(inTitle ? '1' : '0').append(ENTRY_END);
    }

    /**
     * Walks the entries of a text made by {@link #appendTo}: {@link #next()} reads an entry's id and version,
     * {@link #entry()} decodes the whole entry (or keep {@link #position()} and decode it later with {@link #at}).
     */
    public static final class Reader {

        private final String text;
        private int next;
        private int start;
        private int versionEnd;
        private String articleId = "";
        private long version;

        public Reader(String text) {
            this.text = text;
        }

        /**
         * @return false when there are no more entries
         * @throws IllegalArgumentException when the text is not one {@link #appendTo} made
         */
        public boolean next() {
            if (next >= text.length()) {
                return false;
            }
            start = next;
            int idLengthEnd = fieldEnd(next, FIELD_END);
            int idEnd = idLengthEnd + 1 + Integer.parseInt(text, next, idLengthEnd, RADIX);
            articleId = text.substring(idLengthEnd + 1, idEnd);
            versionEnd = fieldEnd(idEnd, FIELD_END);
            version = Long.parseLong(text, idEnd, versionEnd, RADIX);
            next = fieldEnd(versionEnd, ENTRY_END) + 1;
            return true;
        }

        public String articleId() {
            return articleId;
        }

        public long version() {
            return version;
        }

        /** Where the current entry starts, for {@link #at}. */
        public int position() {
            return start;
        }

        public TermEntry entry() {
            return at(text, start);
        }

        private int fieldEnd(int from, char end) {
            int at = text.indexOf(end, from);
            if (at < 0) {
                throw new IllegalArgumentException("Not a term entry text at " + from);
            }
            return at;
        }
    }

    /**
     * The entry that starts at {@code position} of a text made by {@link #appendTo}.
     *
     * @throws IllegalArgumentException when there is no such entry
     */
    public static TermEntry at(String text, int position) {
        Reader reader = new Reader(text);
        reader.next = position;
        if (!reader.next()) {
            throw new IllegalArgumentException("No term entry at " + position);
        }
        long[] fields = new long[5];
        int at = reader.versionEnd + 1;
        for (int f = 0; f < fields.length; f++) {
            int end = reader.fieldEnd(at, f == fields.length - 1 ? ENTRY_END : FIELD_END);
            fields[f] = Long.parseLong(text, at, end, RADIX);
            at = end + 1;
        }
        return new TermEntry(reader.articleId, reader.version, LocalDate.ofEpochDay(fields[0]), Instant.ofEpochMilli(fields[1]),
                (int) fields[2], (int) fields[3], fields[4] == 1);
    }
}

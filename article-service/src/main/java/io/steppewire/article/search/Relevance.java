package io.steppewire.article.search;

import java.util.Collections;
import java.util.List;

/**
 * How well an article answers a query, computed in the service so that real MongoDB and the
 * embedded store rank alike: each query term adds {@code 1 + ln(count)}, damped by the square root
 * of the article's length relative to {@value #TYPICAL_LENGTH} terms, and {@value #TITLE_BOOST} more
 * when it stands in the title.
 */
public final class Relevance {

    static final double TITLE_BOOST = 2.0;
    static final int TYPICAL_LENGTH = 200;

    public static double score(SearchQuery query, List<String> terms, List<Integer> termCounts, List<String> titleTerms,
                               int termTotal) {
        double lengthDamping = lengthDamping(termTotal);
        double score = 0;
        for (String term : query.terms()) {
            int at = Collections.binarySearch(terms, term);
            score = withTerm(score, at >= 0 ? termCounts.get(at) : 0, Collections.binarySearch(titleTerms, term) >= 0,
                    lengthDamping);
        }
        return rounded(score);
    }

    /**
     * The same score from an article's entries under each query term, in the order of {@link SearchQuery#terms()}:
     * the same arithmetic in the same order, so both ways give the very same number.
     */
    public static double score(List<TermEntry> entriesInQueryOrder) {
        double score = 0;
        for (TermEntry entry : entriesInQueryOrder) {
            score = withTerm(score, entry.count(), entry.inTitle(), lengthDamping(entry.termTotal()));
        }
        return rounded(score);
    }

    private static double lengthDamping(int termTotal) {
        return Math.sqrt(Math.max(1.0, (double) termTotal / TYPICAL_LENGTH));
    }

    private static double withTerm(double score, int count, boolean inTitle, double lengthDamping) {
        double with = count > 0 ? score + (1 + Math.log(count)) / lengthDamping : score;
        return inTitle ? with + TITLE_BOOST : with;
    }

    /** Rounded so the score survives the cursor's text form exactly. */
    private static double rounded(double score) {
        return Math.round(score * 1_000_000d) / 1_000_000d;
    }

    private Relevance() {
    }
}

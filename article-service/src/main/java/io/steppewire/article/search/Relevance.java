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
        double lengthDamping = Math.sqrt(Math.max(1.0, (double) termTotal / TYPICAL_LENGTH));
        double score = 0;
        for (String term : query.terms()) {
            int at = Collections.binarySearch(terms, term);
            if (at >= 0) {
                score += (1 + Math.log(termCounts.get(at))) / lengthDamping;
            }
            if (Collections.binarySearch(titleTerms, term) >= 0) {
                score += TITLE_BOOST;
            }
        }
        // Rounded so the score survives the cursor's text form exactly.
        return Math.round(score * 1_000_000d) / 1_000_000d;
    }

    private Relevance() {
    }
}

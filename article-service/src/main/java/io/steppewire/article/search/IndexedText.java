package io.steppewire.article.search;

import java.util.List;

/**
 * What search needs of an article, computed once when it is stored.
 *
 * @param terms      the distinct analysed terms, sorted; the field a multikey index serves
 * @param termCounts how often each of {@link #terms()} occurs, at the same position
 * @param titleTerms the distinct analysed terms of the title, for the title boost
 * @param termTotal  the number of terms in the article, repeats included
 * @param phraseText title and blocks in {@link SearchAnalysis#phraseForm} joined by {@link SearchAnalysis#BLOCK_SEPARATOR}
 */
public record IndexedText(List<String> terms, List<Integer> termCounts, List<String> titleTerms, int termTotal,
                          String phraseText) {

    public IndexedText {
        if (terms.size() != termCounts.size()) {
            throw new IllegalArgumentException("Every term needs its count");
        }
        terms = List.copyOf(terms);
        termCounts = List.copyOf(termCounts);
        titleTerms = List.copyOf(titleTerms);
    }
}

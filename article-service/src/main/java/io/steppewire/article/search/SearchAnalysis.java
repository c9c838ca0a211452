package io.steppewire.article.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns article text and search input into the same analysed terms (Lucene's English analyser:
 * lower case, stop words out, Porter stemming), so "elections" finds "election". Computed at write
 * time and stored, which lets search run as a plain array match on any MongoDB-wire store.
 */
public final class SearchAnalysis {

    /** Separates blocks in the phrase text, so that a phrase never matches across two paragraphs. */
    public static final String BLOCK_SEPARATOR = " | ";

    // Thread-safe: the analyser keeps one token stream per thread.
    private static final Analyzer ENGLISH = new EnglishAnalyzer();

    /** The analysed terms of a text in reading order, repeats kept. */
    public static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = ENGLISH.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Analysing text in memory cannot fail", e);
        }
        return terms;
    }

    /**
     * Folds a text for exact phrase checks: Unicode compatibility forms, case, and everything but
     * letters and digits to single spaces.
     */
    public static String phraseForm(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // A loop rather than a regular expression: this runs over every block of every article projected.
        StringBuilder out = new StringBuilder(folded.length());
        boolean pendingSpace = false;
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                if (pendingSpace && !out.isEmpty()) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.appendCodePoint(c);
            } else {
                pendingSpace = true;
            }
        }
        return out.toString();
    }

    /** The search fields of an article: its title and its body blocks. */
    public static IndexedText index(String title, List<String> blocks) {
        List<String> titleTermsInOrder = terms(title);
        Map<String, Integer> counts = new HashMap<>();
        titleTermsInOrder.forEach(term -> counts.merge(term, 1, Integer::sum));
        int total = titleTermsInOrder.size();
        StringBuilder phraseText = new StringBuilder(phraseForm(title));
        for (String block : blocks) {
            for (String term : terms(block)) {
                counts.merge(term, 1, Integer::sum);
                total++;
            }
            String phrase = phraseForm(block);
            if (!phrase.isEmpty()) {
                phraseText.append(phraseText.isEmpty() ? "" : BLOCK_SEPARATOR).append(phrase);
            }
        }
        List<String> terms = counts.keySet().stream().sorted().toList();
        List<Integer> termCounts = terms.stream().map(counts::get).toList();
        return new IndexedText(terms, termCounts, titleTermsInOrder.stream().distinct().sorted().toList(), total,
                phraseText.toString());
    }

    private SearchAnalysis() {
    }
}

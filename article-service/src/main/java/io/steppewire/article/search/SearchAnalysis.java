package io.steppewire.article.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
        return folded.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** The search fields of an article: its title and its body blocks. */
    public static IndexedText index(String title, List<String> blocks) {
        List<String> titleTerms = terms(title).stream().distinct().sorted().toList();
        Map<String, Integer> counts = new TreeMap<>();
        List<String> texts = new ArrayList<>(blocks.size() + 1);
        texts.add(title);
        texts.addAll(blocks);
        int total = 0;
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (String text : texts) {
            for (String term : terms(text)) {
                counts.merge(term, 1, Integer::sum);
                seen.putIfAbsent(term, Boolean.TRUE);
                total++;
            }
        }
        List<String> phraseBlocks = texts.stream().map(SearchAnalysis::phraseForm).filter(t -> !t.isEmpty()).toList();
        return new IndexedText(List.copyOf(counts.keySet()), List.copyOf(counts.values()), titleTerms, total,
                String.join(BLOCK_SEPARATOR, phraseBlocks));
    }

    private SearchAnalysis() {
    }
}

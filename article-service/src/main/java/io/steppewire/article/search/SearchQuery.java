package io.steppewire.article.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code q}: loose words and "quoted phrases". An article matches when it has every
 * analysed term of the query and contains every phrase word for word (case and punctuation aside).
 *
 * @param terms   distinct analysed terms of words and phrases together
 * @param phrases the phrases in {@link SearchAnalysis#phraseForm}
 */
public record SearchQuery(List<String> terms, List<String> phrases) {

    /** The accepted form, for error messages. */
    public static final String ACCEPTED_FORM =
            "words and \"quoted phrases\" with at least one word that is not a stop word, e.g. q=solar \"grid operator\"";

    private static final Pattern PHRASE = Pattern.compile("\"([^\"]*)\"");
    /** Longer than any question a reader types; a longer text is refused before it is analysed. */
    public static final int MAX_LENGTH = 1_000;
    /** Each term reads its postings: a query of hundreds of words would cost the store hundreds of reads. */
    public static final int MAX_TERMS = 32;

    public SearchQuery {
        terms = List.copyOf(terms);
        phrases = List.copyOf(phrases);
    }

    /**
     * @throws IllegalArgumentException when the text has no searchable word (empty, only stop words or
     *                                  punctuation), an unclosed quote, or is longer than {@link #MAX_LENGTH}
     *                                  characters or {@link #MAX_TERMS} terms
     */
    public static SearchQuery parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("q must be at most " + MAX_LENGTH + " characters; got " + text.length());
        }
        if (text.chars().filter(c -> c == '"').count() % 2 != 0) {
            throw new IllegalArgumentException("q has an unclosed quote; accepted: " + ACCEPTED_FORM);
        }
        Set<String> terms = new LinkedHashSet<>();
        List<String> phrases = new ArrayList<>();
        Matcher m = PHRASE.matcher(text);
        StringBuilder loose = new StringBuilder();
        while (m.find()) {
            String phrase = SearchAnalysis.phraseForm(m.group(1));
            if (!phrase.isEmpty()) {
                phrases.add(phrase);
                terms.addAll(SearchAnalysis.terms(m.group(1)));
            }
            m.appendReplacement(loose, " ");
        }
        m.appendTail(loose);
        terms.addAll(SearchAnalysis.terms(loose.toString()));
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("q has no searchable word; accepted: " + ACCEPTED_FORM);
        }
        if (terms.size() > MAX_TERMS) {
            throw new IllegalArgumentException("q has " + terms.size() + " distinct searchable words; at most " + MAX_TERMS
                    + " are taken");
        }
        return new SearchQuery(List.copyOf(terms), phrases);
    }

    /** True when the stored phrase text contains every phrase of the query as whole words. */
    public boolean phrasesOccurIn(String phraseText) {
        String padded = " " + phraseText + " ";
        return phrases.stream().allMatch(p -> padded.contains(" " + p + " "));
    }

    /**
     * A regular expression per phrase that finds it as whole words in the stored phrase text. A phrase in
     * phrase form holds only letters, digits and single spaces, so it needs no escaping.
     */
    public List<String> phrasePatterns() {
        return phrases.stream().map(p -> "(^| )" + p + "( |$)").toList();
    }
}

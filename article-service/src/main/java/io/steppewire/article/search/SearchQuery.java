package io.steppewire.article.search;

import io.steppewire.query.KeywordQuery;
import io.steppewire.query.QueryParser;
import io.steppewire.query.QuerySyntaxException;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A parsed {@code q}: the keyword query language that subscription rules use too ({@link QueryParser}: words,
 * "quoted phrases", AND, OR, NOT, parentheses), evaluated on this service's analysed terms. A term holds for an
 * article when the article has every analysed term of it (so "elections" finds "election") and, for a phrase, a
 * word written with punctuation ({@code solar-park}) or a word too common to be a term ({@code the}), when the
 * article contains it word for word (case and punctuation aside).
 */
public final class SearchQuery {

    /** The accepted form, for error messages. */
    public static final String ACCEPTED_FORM = "words, \"quoted phrases\", AND, OR, NOT and parentheses, with a searchable "
            + "word every match must contain, e.g. q=(solar OR wind) AND NOT coal";
    /** Longer than any question a reader types; a longer text is refused before it is parsed. */
    public static final int MAX_LENGTH = QueryParser.MAX_LENGTH;
    /** Each term reads its postings: a query of hundreds of words would cost the store hundreds of reads. */
    public static final int MAX_TERMS = 32;

    /**
     * What a term of the query asks of an article.
     *
     * @param terms  the analysed terms the article must have (none for a word too common to be a term)
     * @param phrase the term in {@link SearchAnalysis#phraseForm} when it must also occur word for word, else null
     */
    private record Analysed(List<String> terms, @Nullable String phrase) {
    }

    private final KeywordQuery tree;
    private final Map<String, Analysed> analysed;
    private final List<String> terms;
    private final List<String> postingTerms;

    private SearchQuery(KeywordQuery tree, Map<String, Analysed> analysed, List<String> terms, List<String> postingTerms) {
        this.tree = tree;
        this.analysed = analysed;
        this.terms = terms;
        this.postingTerms = postingTerms;
    }

    /**
     * @throws IllegalArgumentException saying what to fix when the text does not parse ({@link QuerySyntaxException}),
     *                                  is longer than {@link #MAX_LENGTH} characters, nests deeper than
     *                                  {@link QueryParser#MAX_DEPTH}, has more than {@link #MAX_TERMS} distinct
     *                                  analysed terms, or could match an article without any searchable word (only
     *                                  NOT, or only words too common to search for)
     */
    public static SearchQuery parse(String text) {
        KeywordQuery tree = QueryParser.parse(text);
        if (tree.requiredOneOf() == null) {
            throw new IllegalArgumentException("q can match articles without any of its words (it only excludes with NOT); "
                    + "add a word every match must contain, e.g. q=solar NOT coal");
        }
        Map<String, Analysed> analysed = new HashMap<>();
        Set<String> distinct = new LinkedHashSet<>();
        collect(tree, analysed, distinct);
        if (distinct.size() > MAX_TERMS) {
            throw new IllegalArgumentException("q has " + distinct.size() + " distinct searchable words; at most " + MAX_TERMS
                    + " are taken");
        }
        if (!searchable(tree, analysed)) {
            throw new IllegalArgumentException("q has no searchable word that every match must contain: words as common as "
                    + "'the' or 'of' are checked only beside one; accepted: " + ACCEPTED_FORM);
        }
        Set<String> ranking = new LinkedHashSet<>();
        collectPositive(tree, analysed, ranking);
        Set<String> read = new LinkedHashSet<>(ranking);
        collectExcluded(tree, analysed, read);
        return new SearchQuery(tree, Map.copyOf(analysed), List.copyOf(ranking), List.copyOf(read));
    }

    /** The terms of what {@link #candidates} subtracts: the insides of NOT that the postings decide alone. */
    private static void collectExcluded(KeywordQuery node, Map<String, Analysed> analysed, Set<String> into) {
        switch (node) {
            case KeywordQuery.Term term -> {
            }
            case KeywordQuery.And and -> {
                collectExcluded(and.left(), analysed, into);
                collectExcluded(and.right(), analysed, into);
            }
            case KeywordQuery.Or or -> {
                collectExcluded(or.left(), analysed, into);
                collectExcluded(or.right(), analysed, into);
            }
            case KeywordQuery.Not not -> {
                if (decidedByPostings(not.negated(), analysed)) {
                    collectPositive(not.negated(), analysed, into);
                }
                collectExcluded(not.negated(), analysed, into);
            }
        }
    }

    /**
     * True when the postings alone show that an article of a given version matches: words (no phrase, no word too
     * common to be a term) combined with AND and OR. An entry is filed only for a term the sighting has, so an entry of
     * the article's very version under each needed term proves the match.
     */
    private static boolean decidedByPostings(KeywordQuery node, Map<String, Analysed> analysed) {
        return switch (node) {
            case KeywordQuery.Term term -> {
                Analysed of = analysed.get(term.key());
                yield of.phrase() == null && !of.terms().isEmpty();
            }
            case KeywordQuery.And and -> decidedByPostings(and.left(), analysed) && decidedByPostings(and.right(), analysed);
            case KeywordQuery.Or or -> decidedByPostings(or.left(), analysed) && decidedByPostings(or.right(), analysed);
            case KeywordQuery.Not not -> false;
        };
    }

    private static void collect(KeywordQuery node, Map<String, Analysed> analysed, Set<String> distinct) {
        switch (node) {
            case KeywordQuery.Term term -> {
                Analysed of = analysed.computeIfAbsent(term.key(), key -> analyse(term));
                distinct.addAll(of.terms());
            }
            case KeywordQuery.And and -> {
                collect(and.left(), analysed, distinct);
                collect(and.right(), analysed, distinct);
            }
            case KeywordQuery.Or or -> {
                collect(or.left(), analysed, distinct);
                collect(or.right(), analysed, distinct);
            }
            case KeywordQuery.Not not -> collect(not.negated(), analysed, distinct);
        }
    }

    private static Analysed analyse(KeywordQuery.Term term) {
        // The text as written: the analyser keeps "can't" or "3.5" as one term, as it did when the article was stored.
        List<String> terms = SearchAnalysis.terms(term.text()).stream().distinct().toList();
        boolean oneWord = !term.key().contains(" ");
        return new Analysed(terms, oneWord && !terms.isEmpty() ? null : term.key());
    }

    /** True when no article without one of the query's analysed terms can match: postings then find every match. */
    private static boolean searchable(KeywordQuery node, Map<String, Analysed> analysed) {
        return switch (node) {
            case KeywordQuery.Term term -> !analysed.get(term.key()).terms().isEmpty();
            case KeywordQuery.And and -> searchable(and.left(), analysed) || searchable(and.right(), analysed);
            case KeywordQuery.Or or -> searchable(or.left(), analysed) && searchable(or.right(), analysed);
            case KeywordQuery.Not not -> false;
        };
    }

    private static void collectPositive(KeywordQuery node, Map<String, Analysed> analysed, Set<String> into) {
        switch (node) {
            case KeywordQuery.Term term -> into.addAll(analysed.get(term.key()).terms());
            case KeywordQuery.And and -> {
                collectPositive(and.left(), analysed, into);
                collectPositive(and.right(), analysed, into);
            }
            case KeywordQuery.Or or -> {
                collectPositive(or.left(), analysed, into);
                collectPositive(or.right(), analysed, into);
            }
            case KeywordQuery.Not not -> {
            }
        }
    }

    /**
     * The distinct analysed terms of the query outside NOT, in the order written: the terms whose postings find the
     * candidates and that rank them ({@link Relevance}).
     */
    public List<String> terms() {
        return terms;
    }

    /** The distinct analysed terms whose postings {@link #candidates} reads: {@link #terms()} and those it subtracts. */
    public List<String> postingTerms() {
        return postingTerms;
    }

    /** The parsed query, the same tree subscription rules are matched with. */
    public KeywordQuery tree() {
        return tree;
    }

    /** A text naming the query: equal for queries that match alike, for caches. */
    public String key() {
        return tree.toString();
    }

    /**
     * True when a stored article matches: {@code sortedTerms} are its analysed terms in natural order, {@code phraseText}
     * its {@link IndexedText#phraseText()}.
     */
    public boolean matches(List<String> sortedTerms, String phraseText) {
        String padded = " " + phraseText + " ";
        Map<String, Boolean> known = new HashMap<>();
        Predicate<String> present = key -> known.computeIfAbsent(key, k -> {
            Analysed of = analysed.get(k);
            return of.terms().stream().allMatch(term -> Collections.binarySearch(sortedTerms, term) >= 0)
                    && (of.phrase() == null || padded.contains(" " + of.phrase() + " "));
        });
        return tree.matches(present);
    }

    /**
     * The articles that may match, found from the newest entry per article under each of {@link #postingTerms()}: AND
     * intersects, OR unites, AND NOT subtracts the articles whose entries of the same version show that they have the
     * excluded words; phrases, words too common to be terms and what NOT excludes beyond plain words are left to
     * {@link #matches} on the stored article, so this is a superset of the matches among the filed articles. An article
     * whose entries under two terms that must both hold differ in version is left out: its newest sighting lacks one of
     * them (or is still being stored). Each candidate comes with its entries under {@link #terms()} at its newest
     * version, in that order.
     */
    public Map<String, List<TermEntry>> candidates(Function<String, Map<String, TermEntry>> newestUnder) {
        Map<String, TermEntry> found = candidates(tree, newestUnder);
        if (found == null) {
            // parse() refuses such queries.
            throw new IllegalStateException("A query without a searchable word has no candidates");
        }
        Map<String, List<TermEntry>> withEntries = new HashMap<>(found.size() * 2);
        List<Map<String, TermEntry>> perTerm = terms.stream().map(newestUnder).toList();
        found.forEach((articleId, any) -> {
            List<TermEntry> entries = new ArrayList<>(perTerm.size());
            for (Map<String, TermEntry> newest : perTerm) {
                TermEntry entry = newest.get(articleId);
                if (entry != null && entry.version() == any.version()) {
                    entries.add(entry);
                }
            }
            withEntries.put(articleId, entries);
        });
        return withEntries;
    }

    /** Null stands for every article: a NOT, or a word too common to have postings. */
    private @Nullable Map<String, TermEntry> candidates(KeywordQuery node, Function<String, Map<String, TermEntry>> newestUnder) {
        return switch (node) {
            case KeywordQuery.Term term -> {
                List<String> termsOfIt = analysed.get(term.key()).terms();
                if (termsOfIt.isEmpty()) {
                    yield null;
                }
                Map<String, TermEntry> all = newestUnder.apply(termsOfIt.getFirst());
                for (String further : termsOfIt.subList(1, termsOfIt.size())) {
                    all = intersection(all, newestUnder.apply(further));
                }
                yield all;
            }
            case KeywordQuery.And and -> {
                Map<String, TermEntry> left = candidates(and.left(), newestUnder);
                Map<String, TermEntry> right = candidates(and.right(), newestUnder);
                if (left != null && right != null) {
                    yield intersection(left, right);
                }
                Map<String, TermEntry> found = left != null ? left : right;
                KeywordQuery other = left != null ? and.right() : and.left();
                yield found != null && other instanceof KeywordQuery.Not not && decidedByPostings(not.negated(), analysed)
                        ? without(found, not.negated(), newestUnder) : found;
            }
            case KeywordQuery.Or or -> {
                Map<String, TermEntry> left = candidates(or.left(), newestUnder);
                Map<String, TermEntry> right = candidates(or.right(), newestUnder);
                yield left == null || right == null ? null : union(left, right);
            }
            case KeywordQuery.Not not -> null;
        };
    }

    /** The candidates but those that the postings show to match {@code excluded} at their version. */
    private Map<String, TermEntry> without(Map<String, TermEntry> candidates, KeywordQuery excluded,
                                           Function<String, Map<String, TermEntry>> newestUnder) {
        Map<String, TermEntry> kept = new HashMap<>();
        candidates.forEach((articleId, entry) -> {
            if (!holdsAt(excluded, articleId, entry.version(), newestUnder)) {
                kept.put(articleId, entry);
            }
        });
        return kept;
    }

    /** Whether the postings show the article's sighting of this version to match a {@link #decidedByPostings} query. */
    private boolean holdsAt(KeywordQuery node, String articleId, long version, Function<String, Map<String, TermEntry>> newestUnder) {
        return switch (node) {
            case KeywordQuery.Term term -> analysed.get(term.key()).terms().stream().allMatch(t -> {
                TermEntry entry = newestUnder.apply(t).get(articleId);
                return entry != null && entry.version() == version;
            });
            case KeywordQuery.And and -> holdsAt(and.left(), articleId, version, newestUnder)
                    && holdsAt(and.right(), articleId, version, newestUnder);
            case KeywordQuery.Or or -> holdsAt(or.left(), articleId, version, newestUnder)
                    || holdsAt(or.right(), articleId, version, newestUnder);
            case KeywordQuery.Not not -> throw new IllegalStateException("NOT is not decided by postings");
        };
    }

    private static Map<String, TermEntry> intersection(Map<String, TermEntry> a, Map<String, TermEntry> b) {
        Map<String, TermEntry> small = a.size() <= b.size() ? a : b;
        Map<String, TermEntry> large = small == a ? b : a;
        Map<String, TermEntry> both = new HashMap<>();
        small.forEach((articleId, entry) -> {
            TermEntry other = large.get(articleId);
            if (other != null && other.version() == entry.version()) {
                both.put(articleId, entry);
            }
        });
        return both;
    }

    /** Either side's articles, each at the newer of its versions: that sighting was filed under its side's terms. */
    private static Map<String, TermEntry> union(Map<String, TermEntry> a, Map<String, TermEntry> b) {
        Map<String, TermEntry> either = new HashMap<>(a);
        b.forEach((articleId, entry) -> either.merge(articleId, entry, (x, y) -> y.version() > x.version() ? y : x));
        return either;
    }

    /**
     * The query as a store filter over the stored search fields ({@code termsField} holds the analysed terms,
     * {@code phraseField} the phrase text), built by the caller's {@code all}, {@code phrase}, {@code and}, {@code or}
     * and {@code nor}.
     */
    public <F> F filter(StoreFilters<F> filters) {
        return filter(tree, filters);
    }

    private <F> F filter(KeywordQuery node, StoreFilters<F> filters) {
        return switch (node) {
            case KeywordQuery.Term term -> {
                Analysed of = analysed.get(term.key());
                List<F> parts = new ArrayList<>(2);
                if (!of.terms().isEmpty()) {
                    parts.add(filters.allTerms(of.terms()));
                }
                if (of.phrase() != null) {
                    // Letters, digits and single spaces only: no escaping needed.
                    parts.add(filters.phrasePattern("(^| )" + of.phrase() + "( |$)"));
                }
                yield parts.size() == 1 ? parts.getFirst() : filters.and(parts);
            }
            case KeywordQuery.And and -> filters.and(List.of(filter(and.left(), filters), filter(and.right(), filters)));
            case KeywordQuery.Or or -> filters.or(List.of(filter(or.left(), filters), filter(or.right(), filters)));
            case KeywordQuery.Not not -> filters.nor(List.of(filter(not.negated(), filters)));
        };
    }

    /** How a store expresses the parts of a query, so that this package stays free of the store's driver. */
    public interface StoreFilters<F> {

        F allTerms(List<String> terms);

        /** A regular expression over the phrase text. */
        F phrasePattern(String pattern);

        F and(List<F> parts);

        F or(List<F> parts);

        F nor(List<F> parts);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SearchQuery query && query.tree.equals(tree);
    }

    @Override
    public int hashCode() {
        return tree.hashCode();
    }

    @Override
    public String toString() {
        return "SearchQuery" + tree;
    }
}

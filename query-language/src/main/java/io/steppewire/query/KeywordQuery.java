package io.steppewire.query;

import org.jspecify.annotations.Nullable;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A parsed keyword query: words and "quoted phrases" combined with AND, OR, NOT and parentheses.
 * Terms are stored as their {@link TextTerms#key(String) keys}, so evaluation only asks whether a
 * key occurs in an article. Records without framework types, so that every service evaluates the same
 * tree against its own index (notify-service's subscription matcher, article-service's search).
 */
public sealed interface KeywordQuery {

    /** True when the query holds for an article whose text contains exactly the terms accepted by {@code present}. */
    boolean matches(Predicate<String> present);

    /** Every term key the query mentions, negated or not. */
    default Set<String> terms() {
        Set<String> terms = new LinkedHashSet<>();
        collectTerms(terms);
        return terms;
    }

    void collectTerms(Set<String> into);

    /**
     * Terms of which at least one must occur for the query to hold, or {@code null} when the query
     * could hold for an article without any of its terms (e.g. {@code NOT coal}). An index files the
     * query under these terms so that it is only evaluated for articles containing one of them.
     */
    @Nullable Set<String> requiredOneOf();

    /**
     * One word or phrase.
     *
     * @param key  its {@link TextTerms#key(String) key}, which decides whether it occurs
     * @param text the word or the phrase's inside as written, for evaluators that analyse text their own way
     */
    record Term(String key, String text) implements KeywordQuery {
        @Override
        public boolean matches(Predicate<String> present) {
            return present.test(key);
        }

        @Override
        public void collectTerms(Set<String> into) {
            into.add(key);
        }

        @Override
        public Set<String> requiredOneOf() {
            return Set.of(key);
        }
    }

    record And(KeywordQuery left, KeywordQuery right) implements KeywordQuery {
        @Override
        public boolean matches(Predicate<String> present) {
            return left.matches(present) && right.matches(present);
        }

        @Override
        public void collectTerms(Set<String> into) {
            left.collectTerms(into);
            right.collectTerms(into);
        }

        @Override
        public @Nullable Set<String> requiredOneOf() {
            Set<String> l = left.requiredOneOf();
            Set<String> r = right.requiredOneOf();
            if (l == null) {
                return r;
            }
            if (r == null) {
                return l;
            }
            // Either side alone is a valid filter; the narrower one gives fewer candidates.
            return l.size() <= r.size() ? l : r;
        }
    }

    record Or(KeywordQuery left, KeywordQuery right) implements KeywordQuery {
        @Override
        public boolean matches(Predicate<String> present) {
            return left.matches(present) || right.matches(present);
        }

        @Override
        public void collectTerms(Set<String> into) {
            left.collectTerms(into);
            right.collectTerms(into);
        }

        @Override
        public @Nullable Set<String> requiredOneOf() {
            Set<String> l = left.requiredOneOf();
            Set<String> r = right.requiredOneOf();
            if (l == null || r == null) {
                return null;
            }
            Set<String> union = new HashSet<>(l);
            union.addAll(r);
            return union;
        }
    }

    record Not(KeywordQuery negated) implements KeywordQuery {
        @Override
        public boolean matches(Predicate<String> present) {
            return !negated.matches(present);
        }

        @Override
        public void collectTerms(Set<String> into) {
            negated.collectTerms(into);
        }

        @Override
        public @Nullable Set<String> requiredOneOf() {
            return null;
        }
    }
}

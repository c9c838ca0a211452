package io.steppewire.ingest.tagging;

import io.steppewire.events.article.TagScore;
import io.steppewire.ingest.text.UnicodeSpaces;
import org.ahocorasick.trie.PayloadEmit;
import org.ahocorasick.trie.PayloadTrie;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags articles with one Aho-Corasick pass over each text for all terms of a taxonomy. Matches are
 * then checked for word boundaries and case: {@code UN} does not match inside {@code UNESCO},
 * {@code Kazakhstan’s} and {@code Kazakhstan's} both tag Kazakhstan, {@code Turkey} is not
 * {@code turkey}. An entry's ambiguous words only add to a tag that one of its plain terms gave.
 * Immutable and thread-safe.
 */
public final class Tagger {

    /** Where a mention stands weighs how much it says about the article. */
    static final double TITLE_WEIGHT = 3;
    static final double LEDE_WEIGHT = 2;
    static final double BODY_WEIGHT = 1;
    /** Raw weight at which a score reaches one half: a single mention in the title. */
    static final double HALF_SCORE_WEIGHT = 3;

    private final Taxonomy taxonomy;
    private final PayloadTrie<List<Term>> trie;

    private record Term(String text, boolean caseSensitive, boolean ambiguous, TaxonomyEntry entry) {
    }

    public Tagger(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        Map<String, List<Term>> byKey = new LinkedHashMap<>();
        for (TaxonomyEntry entry : taxonomy.entries()) {
            for (String term : entry.terms()) {
                add(byKey, term, false, entry);
            }
            for (String term : entry.ambiguous()) {
                add(byKey, term, true, entry);
            }
        }
        PayloadTrie.PayloadTrieBuilder<List<Term>> builder = PayloadTrie.<List<Term>>builder().ignoreCase();
        byKey.forEach((key, terms) -> builder.addKeyword(key, List.copyOf(terms)));
        this.trie = builder.build();
    }

    private static void add(Map<String, List<Term>> byKey, String term, boolean ambiguous, TaxonomyEntry entry) {
        boolean caseSensitive = !term.equals(term.toLowerCase(Locale.ROOT));
        byKey.computeIfAbsent(term.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .add(new Term(term, caseSensitive, ambiguous, entry));
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    public ArticleTags tag(String title, List<String> paragraphs) {
        Map<TaxonomyEntry, Double> weights = new HashMap<>();
        Map<TaxonomyEntry, Double> ambiguousWeights = new HashMap<>();
        collect(title, TITLE_WEIGHT, weights, ambiguousWeights);
        for (int i = 0; i < paragraphs.size(); i++) {
            collect(paragraphs.get(i), i == 0 ? LEDE_WEIGHT : BODY_WEIGHT, weights, ambiguousWeights);
        }
        // "Jordan" alone may be a player; next to "Amman" or "Jordanian" it is the country and counts in full.
        ambiguousWeights.forEach((entry, weight) -> weights.computeIfPresent(entry, (e, w) -> w + weight));
        List<TagScore> scores = weights.entrySet().stream()
                .map(e -> new TagScore(e.getKey().kind().wireName(), e.getKey().value(), score(e.getValue())))
                .sorted(Comparator.comparingDouble(TagScore::score).reversed()
                        .thenComparing(TagScore::kind).thenComparing(TagScore::value))
                .toList();
        return new ArticleTags(values(scores, TagKind.COUNTRY), values(scores, TagKind.CURRENCY),
                values(scores, TagKind.TOPIC), values(scores, TagKind.ENTITY), scores);
    }

    private record Mention(int start, int end, Term term) {
    }

    private void collect(String given, double weight, Map<TaxonomyEntry, Double> weights,
                         Map<TaxonomyEntry, Double> ambiguousWeights) {
        // "Central\u00a0Asia" is the term "Central Asia": terms are written with plain spaces.
        String text = UnicodeSpaces.plain(given);
        List<Mention> mentions = new ArrayList<>();
        for (PayloadEmit<List<Term>> emit : trie.parseText(text)) {
            int start = emit.getStart();
            int end = emit.getEnd() + 1;
            if (!boundedBefore(text, start)) {
                continue;
            }
            String matched = text.substring(start, end);
            for (Term term : emit.getPayload()) {
                if (caseFits(term, matched) && boundedAfter(text, end, term)) {
                    mentions.add(new Mention(start, end, term));
                }
            }
        }
        // Longest term wins: "wind farm" is energy, and its "farm" says nothing about agriculture.
        mentions.sort(Comparator.comparingInt(Mention::start).thenComparing(Comparator.comparingInt(Mention::end).reversed()));
        // Topics hide topics and countries hide countries ("South Sudan" is not Sudan, "Papua New Guinea" not
        // Guinea); names never hide topics.
        Cover topics = new Cover();
        Cover countries = new Cover();
        Map<TaxonomyEntry, Integer> countedAt = new HashMap<>();
        for (Mention mention : mentions) {
            TagKind kind = mention.term().entry().kind();
            if ((kind == TagKind.TOPIC && topics.hides(mention)) || (kind == TagKind.COUNTRY && countries.hides(mention))) {
                continue;
            }
            // One mention counts once per tag, however many of its spellings match there.
            Integer at = countedAt.put(mention.term().entry(), mention.start());
            if (at == null || at != mention.start()) {
                (mention.term().ambiguous() ? ambiguousWeights : weights)
                        .merge(mention.term().entry(), weight, Double::sum);
            }
        }
    }

    /** The span of the longest mention of one kind seen so far, in a walk by start and then longest first. */
    private static final class Cover {
        private int start = -1;
        private int end = -1;

        boolean hides(Mention mention) {
            boolean inside = mention.end() <= end && (mention.start() > start || mention.end() < end);
            if (!inside && mention.end() > end) {
                start = mention.start();
                end = mention.end();
            }
            return inside;
        }
    }

    private static boolean caseFits(Term term, String matched) {
        return !term.caseSensitive() || matched.equals(term.text())
                || matched.equals(term.text().toUpperCase(Locale.ROOT));
    }

    private static boolean boundedBefore(String text, int start) {
        return start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1));
    }

    /** A word ends here; a lower-case term may also take a plural {@code s} or {@code es}. */
    private static boolean boundedAfter(String text, int end, Term term) {
        if (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end))) {
            return true;
        }
        if (term.caseSensitive()) {
            return false;
        }
        int suffix = text.startsWith("es", end) ? 2 : text.charAt(end) == 's' ? 1 : 0;
        if (suffix == 2 && !(end + 2 >= text.length() || !Character.isLetterOrDigit(text.charAt(end + 2)))) {
            suffix = text.charAt(end) == 's' ? 1 : 0;
        }
        return suffix > 0 && (end + suffix >= text.length() || !Character.isLetterOrDigit(text.charAt(end + suffix)));
    }

    /** Maps raw weight into (0, 1]: one title mention gives 0.5, and more mentions approach 1. */
    static double score(double weight) {
        double score = weight / (weight + HALF_SCORE_WEIGHT);
        return Math.round(score * 1000) / 1000.0;
    }

    private static List<String> values(List<TagScore> scores, TagKind kind) {
        return scores.stream().filter(s -> s.kind().equals(kind.wireName())).map(TagScore::value).toList();
    }
}

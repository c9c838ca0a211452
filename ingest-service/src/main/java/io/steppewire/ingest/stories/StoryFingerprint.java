package io.steppewire.ingest.stories;

import org.jspecify.annotations.Nullable;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * MinHash over word shingles: a short signature per article whose agreement with another one estimates how many
 * shingles the two texts share (their Jaccard similarity), and its LSH band keys, under which near-duplicates meet.
 * Only the opening of an article counts, so a wire version trimmed to its first paragraphs still meets the full
 * story. Pure and thread-safe.
 */
public final class StoryFingerprint {

    /** Signature length: the similarity estimate's standard error is about 0.04 at 128. */
    public static final int HASHES = 128;
    /** Fewer shingles than this (a bare headline) say too little to group an article with another. */
    public static final int MIN_SHINGLES = 12;

    private static final long[] SEEDS = new SplittableRandom(0x5eed_57_0e1L).longs(HASHES).toArray();

    /** Words that every story shares, whatever it tells. */
    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is",
            "are", "was", "were", "be", "been", "has", "have", "had", "its", "it", "this", "that", "these", "those",
            "their", "they", "he", "she", "his", "her", "will", "would", "could", "should", "said", "says", "say",
            "than", "then", "there", "which", "who", "what", "when", "where", "about", "after", "before", "into",
            "over", "under", "up", "down", "out", "also", "more", "most", "some", "such", "not", "no", "so", "per",
            "s", "percent", "told", "since", "while", "all", "can", "may", "year", "years", "last", "next");

    private final int shingleWords;
    private final int leadWords;

    /**
     * @param shingleWords words per shingle
     * @param leadWords    content words read from the start of the article (title first)
     */
    public StoryFingerprint(int shingleWords, int leadWords) {
        if (shingleWords < 1 || leadWords < shingleWords) {
            throw new IllegalArgumentException("need 1 <= shingleWords <= leadWords");
        }
        this.shingleWords = shingleWords;
        this.leadWords = leadWords;
    }

    /**
     * An article's signature.
     *
     * @param minHashes the smallest value of each of the {@link #HASHES} hash functions over the shingles
     * @param shingles  how many distinct shingles the text has
     */
    public record Signature(int[] minHashes, int shingles) {
    }

    /** The signature of an article, or null when its text is too short to compare. */
    public @Nullable Signature signature(String title, List<String> paragraphs) {
        List<String> words = words(title, paragraphs);
        Set<Long> shingles = new HashSet<>();
        for (int i = 0; i + shingleWords <= words.size(); i++) {
            shingles.add(hash(words, i));
        }
        if (shingles.size() < MIN_SHINGLES) {
            return null;
        }
        int[] signature = new int[HASHES];
        Arrays.fill(signature, Integer.MAX_VALUE);
        for (long shingle : shingles) {
            for (int k = 0; k < HASHES; k++) {
                int value = (int) (mix(shingle ^ SEEDS[k]) >>> 33);
                if (value < signature[k]) {
                    signature[k] = value;
                }
            }
        }
        return new Signature(signature, shingles.size());
    }

    /**
     * The estimated share of the smaller text's shingles that the larger one has too (the overlap coefficient),
     * from the Jaccard estimate and both sizes: a story trimmed to its opening is contained in the full one even
     * though their Jaccard similarity is low.
     */
    public static double overlap(Signature a, Signature b) {
        double jaccard = similarity(a.minHashes(), b.minHashes());
        double shared = jaccard * (a.shingles() + b.shingles()) / (1 + jaccard);
        return Math.min(1, shared / Math.min(a.shingles(), b.shingles()));
    }

    /** The estimated Jaccard similarity of the two texts: the share of positions where the signatures agree. */
    public static double similarity(int[] a, int[] b) {
        int same = 0;
        for (int k = 0; k < HASHES; k++) {
            if (a[k] == b[k]) {
                same++;
            }
        }
        return same / (double) HASHES;
    }

    /**
     * One key per band of {@code rows} consecutive positions: two signatures that agree on a whole band share its
     * key. With b bands of r rows, texts of similarity s meet with probability 1 - (1 - s^r)^b.
     */
    public static List<Long> bandKeys(int[] signature, int rows) {
        List<Long> keys = new ArrayList<>(HASHES / rows);
        for (int band = 0; band + rows <= HASHES; band += rows) {
            long h = band;
            for (int k = band; k < band + rows; k++) {
                h = mix(h * 31 + signature[k]);
            }
            // Band number in the top byte, so equal rows in different bands never meet.
            keys.add((h & 0x00ff_ffff_ffff_ffffL) | ((long) (band / rows) << 56));
        }
        return keys;
    }

    /** Lower-case content words without accents, title first, up to {@code leadWords}. */
    List<String> words(String title, List<String> paragraphs) {
        List<String> words = new ArrayList<>(leadWords);
        addWords(title, words);
        for (String paragraph : paragraphs) {
            if (words.size() >= leadWords) {
                break;
            }
            addWords(paragraph, words);
        }
        return words.size() > leadWords ? words.subList(0, leadWords) : words;
    }

    private void addWords(String text, List<String> words) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        int i = 0;
        int n = folded.length();
        while (i < n && words.size() < leadWords) {
            while (i < n && !Character.isLetterOrDigit(folded.charAt(i))) {
                i++;
            }
            StringBuilder word = new StringBuilder();
            while (i < n && (Character.isLetterOrDigit(folded.charAt(i)) || Character.getType(folded.charAt(i))
                    == Character.NON_SPACING_MARK)) {
                char c = folded.charAt(i++);
                if (Character.getType(c) != Character.NON_SPACING_MARK) {
                    word.append(c);
                }
            }
            if (!word.isEmpty() && !STOPWORDS.contains(word.toString())) {
                words.add(word.toString());
            }
        }
    }

    private long hash(List<String> words, int from) {
        long h = 0xcbf2_9ce4_8422_2325L;
        for (int w = from; w < from + shingleWords; w++) {
            String word = words.get(w);
            for (int i = 0; i < word.length(); i++) {
                h = (h ^ word.charAt(i)) * 0x100_0000_01b3L;
            }
            h = (h ^ ' ') * 0x100_0000_01b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
        return z ^ (z >>> 31);
    }
}

package io.steppewire.localstack.bench;

import java.util.Random;

/** Made-up Title Case words, one per number: page titles have no digits, and a word of its own makes a run's articles findable. */
final class MadeUpWords {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "nu", "ra", "se", "ti", "vo", "za", "be"};

    private MadeUpWords() {
    }

    /**
     * A sentence of {@code count} made-up names of its own for article {@code n} of a series: ingest-service groups
     * articles into one story when most of the shorter one's words occur in the other, so each article needs more
     * words of its own than it shares with its siblings to be an article and an alert of its own.
     */
    static String namesSentence(long series, long n, int count) {
        StringBuilder sentence = new StringBuilder("Among those who spoke were");
        Random random = new Random(series * 1_000_003 + n);
        for (int i = 0; i < count; i++) {
            sentence.append(i == 0 ? " " : i == count - 1 ? " and " : ", ").append(word(1_000_000 + random.nextInt(9_000_000)));
        }
        return sentence.append('.').toString();
    }

    static String word(long n) {
        StringBuilder word = new StringBuilder();
        long rest = Math.abs(n);
        do {
            word.append(SYLLABLES[(int) (rest % 10)]);
            rest /= 10;
        } while (rest > 0);
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}

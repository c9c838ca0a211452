package io.steppewire.ingest.extraction;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Word-level F1 of two texts taken as bags of words, lower-cased, split at anything that is not a letter or digit. */
final class BagOfWords {

    private BagOfWords() {
    }

    static double f1(String expected, String actual) {
        Map<String, Integer> want = words(expected);
        Map<String, Integer> got = words(actual);
        int wantTotal = want.values().stream().mapToInt(Integer::intValue).sum();
        int gotTotal = got.values().stream().mapToInt(Integer::intValue).sum();
        if (wantTotal == 0 && gotTotal == 0) {
            return 1;
        }
        int overlap = 0;
        for (Map.Entry<String, Integer> entry : want.entrySet()) {
            overlap += Math.min(entry.getValue(), got.getOrDefault(entry.getKey(), 0));
        }
        if (overlap == 0) {
            return 0;
        }
        double precision = (double) overlap / gotTotal;
        double recall = (double) overlap / wantTotal;
        return 2 * precision * recall / (precision + recall);
    }

    static Map<String, Integer> words(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        return counts;
    }
}

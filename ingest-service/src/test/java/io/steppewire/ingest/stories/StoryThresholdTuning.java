package io.steppewire.ingest.stories;

import java.util.List;
import java.util.Locale;

/**
 * Prints precision and recall of near-duplicate detection on the story corpus for shingle sizes, lead lengths and
 * thresholds, and what the LSH banding keeps of it. Run from the repository root with:
 * {@code ./mvnw -B -q -o -pl ingest-service test-compile && java -cp
 * ingest-service/target/classes:ingest-service/target/test-classes io.steppewire.ingest.stories.StoryThresholdTuning}
 */
public final class StoryThresholdTuning {

    private StoryThresholdTuning() {
    }

    public static void main(String[] args) {
        List<StoryCorpus.Pair> pairs = StoryCorpus.pairs();
        banding(pairs, new StoryFingerprint(1, 100), 0.42);
        long positives = pairs.stream().filter(StoryCorpus.Pair::sameStory).count();
        long sameTopic = pairs.stream().filter(p -> !p.sameStory() && p.sameTopic()).count();
        System.out.printf(Locale.ROOT, "%d versions, %d pairs: %d same story, %d different stories on one topic, %d"
                + " unrelated%n", StoryCorpus.versions().size(), pairs.size(), positives, sameTopic,
                pairs.size() - positives - sameTopic);
        System.out.println("measure shingle lead threshold precision recall  (worst same-story / best different-story)");
        for (boolean overlap : new boolean[] {false, true}) {
            for (int shingle = 1; shingle <= 3; shingle++) {
                table(pairs, overlap, shingle);
            }
        }
    }

    private static void table(List<StoryCorpus.Pair> pairs, boolean overlap, int shingle) {
        for (int lead : new int[] {40, 60, 100, 150}) {
            StoryFingerprint fingerprint = new StoryFingerprint(shingle, lead);
            double[] similarity = new double[pairs.size()];
            double worstSame = 1;
            double bestDifferent = 0;
            for (int i = 0; i < pairs.size(); i++) {
                StoryCorpus.Pair p = pairs.get(i);
                StoryFingerprint.Signature a = fingerprint.signature(p.first().title(), p.first().paragraphs());
                StoryFingerprint.Signature b = fingerprint.signature(p.second().title(), p.second().paragraphs());
                similarity[i] = overlap ? StoryFingerprint.overlap(a, b)
                        : StoryFingerprint.similarity(a.minHashes(), b.minHashes());
                if (p.sameStory()) {
                    worstSame = Math.min(worstSame, similarity[i]);
                } else {
                    bestDifferent = Math.max(bestDifferent, similarity[i]);
                }
            }
            for (double threshold = 0.05; threshold < 0.61; threshold += 0.05) {
                Score score = score(pairs, similarity, threshold);
                System.out.printf(Locale.ROOT, "%-7s %7d %4d %9.2f %9.3f %6.3f  (%.3f / %.3f)%n",
                        overlap ? "overlap" : "jaccard", shingle, lead,
                        threshold, score.precision(), score.recall(), worstSame, bestDifferent);
            }
        }
    }

    /** End to end: a pair is found only when LSH makes them candidates and the overlap reaches the threshold. */
    private static void banding(List<StoryCorpus.Pair> pairs, StoryFingerprint fingerprint, double threshold) {
        System.out.println("rows bands lsh-recall candidates(different) precision recall  at overlap >= " + threshold);
        for (int rows = 1; rows <= 4; rows++) {
            long sameMet = 0;
            long differentMet = 0;
            double[] found = new double[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                StoryCorpus.Pair p = pairs.get(i);
                StoryFingerprint.Signature a = fingerprint.signature(p.first().title(), p.first().paragraphs());
                StoryFingerprint.Signature b = fingerprint.signature(p.second().title(), p.second().paragraphs());
                List<Long> keys = StoryFingerprint.bandKeys(a.minHashes(), rows);
                boolean met = StoryFingerprint.bandKeys(b.minHashes(), rows).stream().anyMatch(keys::contains);
                if (met && p.sameStory()) {
                    sameMet++;
                } else if (met) {
                    differentMet++;
                }
                found[i] = met ? StoryFingerprint.overlap(a, b) : 0;
            }
            long same = pairs.stream().filter(StoryCorpus.Pair::sameStory).count();
            Score score = score(pairs, found, threshold);
            System.out.printf(Locale.ROOT, "%4d %5d %10.3f %22.3f %9.3f %6.3f%n", rows, StoryFingerprint.HASHES / rows,
                    sameMet / (double) same, differentMet / (double) (pairs.size() - same), score.precision(),
                    score.recall());
        }
    }

    record Score(long truePositives, long falsePositives, long falseNegatives) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1 : truePositives / (double) (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : truePositives / (double) (truePositives + falseNegatives);
        }
    }

    static Score score(List<StoryCorpus.Pair> pairs, double[] similarity, double threshold) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < pairs.size(); i++) {
            boolean predicted = similarity[i] >= threshold;
            boolean actual = pairs.get(i).sameStory();
            if (predicted && actual) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (actual) {
                fn++;
            }
        }
        return new Score(tp, fp, fn);
    }
}

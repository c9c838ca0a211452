package io.steppewire.ingest.stories;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores story grouping with the service's defaults on the made-up story corpus (src/test/resources/stories):
 * a pair counts as grouped when the LSH bands make them candidates and their overlap reaches the threshold, as in
 * {@link Stories}. Prints precision and recall; {@link StoryThresholdTuning} prints the table the defaults came from.
 */
class StoryCorpusTest {

    private static final StoriesProperties DEFAULTS = new StoriesProperties(0.42, 100, 2, Duration.ofDays(7),
            500);

    @Test
    void groupsRetoldAndTrimmedStoriesAndKeepsStoriesOnTheSameTopicApart() {
        StoryFingerprint fingerprint = new StoryFingerprint(1, DEFAULTS.leadWords());
        List<StoryCorpus.Pair> pairs = StoryCorpus.pairs();
        long truePositives = 0;
        long falsePositives = 0;
        long falseNegatives = 0;
        long sameTopicPairs = 0;
        for (StoryCorpus.Pair pair : pairs) {
            StoryFingerprint.Signature a = fingerprint.signature(pair.first().title(), pair.first().paragraphs());
            StoryFingerprint.Signature b = fingerprint.signature(pair.second().title(), pair.second().paragraphs());
            List<Long> bands = StoryFingerprint.bandKeys(a.minHashes(), DEFAULTS.bandRows());
            boolean grouped = StoryFingerprint.bandKeys(b.minHashes(), DEFAULTS.bandRows()).stream()
                    .anyMatch(bands::contains) && StoryFingerprint.overlap(a, b) >= DEFAULTS.threshold();
            if (grouped && pair.sameStory()) {
                truePositives++;
            } else if (grouped) {
                falsePositives++;
                System.out.println("  grouped apart stories: " + pair.first().name() + " ~ " + pair.second().name());
            } else if (pair.sameStory()) {
                falseNegatives++;
                System.out.println("  missed: " + pair.first().name() + " ~ " + pair.second().name());
            }
            if (!pair.sameStory() && pair.sameTopic()) {
                sameTopicPairs++;
            }
        }
        double precision = truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) (truePositives + falseNegatives);
        System.out.printf(Locale.ROOT, "Stories over %d pairs (%d same story, %d apart on one topic): precision %.3f"
                        + " (%d/%d), recall %.3f (%d/%d)%n", pairs.size(), truePositives + falseNegatives,
                sameTopicPairs, precision, truePositives, truePositives + falsePositives, recall, truePositives,
                truePositives + falseNegatives);

        assertThat(truePositives + falseNegatives).isGreaterThanOrEqualTo(50);
        assertThat(sameTopicPairs).isGreaterThanOrEqualTo(100);
        assertThat(precision).isGreaterThanOrEqualTo(0.95);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
    }
}

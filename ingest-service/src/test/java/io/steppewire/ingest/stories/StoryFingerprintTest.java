package io.steppewire.ingest.stories;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class StoryFingerprintTest {

    private final StoryFingerprint fingerprint = new StoryFingerprint(1, 100);

    private static final String TITLE = "Tenge Falls to a Four-Month Low as Oil Slides";
    private static final List<String> BODY = List.of(
            "The Kazakh tenge weakened 1.8 percent against the dollar on Tuesday to 512.40, its lowest level since"
                    + " November, as Brent crude fell below 70 dollars a barrel.",
            "Traders at two Almaty banks said exporters held back dollar sales ahead of the month-end tax period.");

    @Test
    void givesTheSameTextTheSameSignatureWhateverItsCaseAccentsAndPunctuation() {
        StoryFingerprint.Signature plain = fingerprint.signature(TITLE, BODY);
        StoryFingerprint.Signature shouted = fingerprint.signature(TITLE.toUpperCase(),
                BODY.stream().map(p -> p.replace("Kazakh", "Kazákh").replace(",", " ;")).toList());

        assertThat(shouted.minHashes()).isEqualTo(plain.minHashes());
        assertThat(StoryFingerprint.similarity(plain.minHashes(), shouted.minHashes())).isEqualTo(1.0);
    }

    @Test
    void findsATrimmedCopyContainedInTheFullStory() {
        StoryFingerprint.Signature full = fingerprint.signature(TITLE, BODY);
        StoryFingerprint.Signature trimmed = fingerprint.signature(TITLE, BODY.subList(0, 1));

        assertThat(StoryFingerprint.overlap(trimmed, full)).isGreaterThan(0.9);
        assertThat(StoryFingerprint.similarity(trimmed.minHashes(), full.minHashes())).isLessThan(0.9);
    }

    @Test
    void leavesABareHeadlineUngrouped() {
        assertThat(fingerprint.signature("Tenge Falls", List.of("Oil slides."))).isNull();
    }

    @Test
    void readsOnlyTheOpeningWordsOfALongArticle() {
        List<String> words = new StoryFingerprint(1, 10).words(TITLE, BODY);

        assertThat(words).hasSize(10).startsWith("tenge", "falls").doesNotContain("traders");
    }

    @Test
    void cutsTheSignatureIntoBandsThatNumberTheirPlace() {
        int[] minHashes = fingerprint.signature(TITLE, BODY).minHashes();

        List<Long> bands = StoryFingerprint.bandKeys(minHashes, 2);

        assertThat(bands).hasSize(64).doesNotHaveDuplicates();
        assertThat(bands).extracting(key -> key >>> 56).containsExactlyElementsOf(
                LongStream.range(0, 64).boxed().toList());
        assertThat(StoryFingerprint.bandKeys(minHashes.clone(), 2)).isEqualTo(bands);
    }
}

package io.steppewire.article.rebuild;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RebuildProgressTest {

    @Test
    void tellsDoneOfTotalTheRateAndTheTimeLeftAtThatRate() {
        RebuildProgress progress = new RebuildProgress(25_000, 100_000, Duration.ofSeconds(5));

        assertThat(progress.eventsPerSecond()).isEqualTo(5_000.0);
        assertThat(progress.timeLeft()).hasValue(Duration.ofSeconds(15));
        assertThat(progress.describe()).isEqualTo("rebuild: 25,000 / 100,000 events (25.0%), 5,000 events/s, about 15 s left");
    }

    @Test
    void saysTheTimeLeftIsNotKnownBeforeTheFirstEvent() {
        assertThat(new RebuildProgress(0, 10, Duration.ZERO).describe()).endsWith("time left not known yet");
    }
}

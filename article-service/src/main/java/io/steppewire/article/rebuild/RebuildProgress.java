package io.steppewire.article.rebuild;

import java.time.Duration;
import java.util.Locale;

/**
 * How far a rebuild has come, as one line for an operator: events done of the total captured at
 * the start, the rate so far and the time left at that rate.
 */
public record RebuildProgress(long done, long total, Duration elapsed) {

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** Empty when nothing is done yet, since no rate is known. */
    public java.util.Optional<Duration> timeLeft() {
        double rate = eventsPerSecond();
        if (rate <= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofMillis((long) Math.ceil(Math.max(0, total - done) / rate * 1000)));
    }

    public String describe() {
        double pct = total == 0 ? 100 : 100.0 * done / total;
        String left = timeLeft().map(d -> "about " + d.toSeconds() + " s left").orElse("time left not known yet");
        return String.format(Locale.ROOT, "rebuild: %,d / %,d events (%.1f%%), %,.0f events/s, %s",
                done, total, pct, eventsPerSecond(), left);
    }
}

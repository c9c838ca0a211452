package io.steppewire.notify.history;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Set;

/**
 * @param retention       how long articles and rate changes are kept: at least the longest rule window (30 days) plus
 *                        the weekend an official rate may stand for, and the furthest back a backtest can look
 * @param officialSources the rate sources that are central banks (rates-service's adapters); divergence rules compare
 *                        every other source, a news ticker, with them
 */
@ConfigurationProperties("steppewire.notify.history")
public record HistoryProperties(@DefaultValue("35d") Duration retention,
                                @DefaultValue({"nbk", "cbu", "nbkr", "nbt", "cbt"}) Set<String> officialSources) {

    /** The longest window plus the time an official rate stands in for a weekend. */
    public static final Duration SHORTEST_RETENTION = Duration.ofDays(33);

    public HistoryProperties {
        if (retention.compareTo(SHORTEST_RETENTION) < 0) {
            throw new IllegalArgumentException("steppewire.notify.history.retention must be at least " + SHORTEST_RETENTION.toDays()
                    + " days, so that a 30-day window finds the rate at its start; got " + retention);
        }
        officialSources = Set.copyOf(officialSources);
    }
}

package io.steppewire.article.rates;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * What the rates API treats specially.
 *
 * @param officialSources the {@code source} of the quotes that are official central-bank rates: rates-service's
 *                        adapters publish under their bank's id ({@code nbk}, {@code cbu}, {@code nbkr}, {@code nbt},
 *                        {@code cbt}); every other source is a ticker
 * @param maxDailyDays    the longest range of one daily query, in days
 */
@ConfigurationProperties("steppewire.rates")
public record RateProperties(@DefaultValue({"nbk", "cbu", "nbkr", "nbt", "cbt"}) List<String> officialSources,
                             @DefaultValue("366") int maxDailyDays) {

    public RateProperties {
        officialSources = List.copyOf(officialSources);
        if (maxDailyDays < 1) {
            throw new IllegalArgumentException("steppewire.rates.max-daily-days must be at least 1; got " + maxDailyDays);
        }
    }
}

package io.steppewire.article.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param progressInterval how often the rebuild prints its progress (and confirms that it still owns its generation)
 * @param pollTimeout      longest wait for records in one poll
 * @param retireDelay      how long the replaced generation stays after readers were switched away from it, for the
 *                         queries still running on it and for instances that have not looked up the switch yet (they
 *                         do within {@code steppewire.store.generation-refresh}); then it is dropped
 * @param recordsPerPoll   records read per poll and written per batch
 */
@ConfigurationProperties("steppewire.rebuild")
public record RebuildProperties(@DefaultValue("2s") Duration progressInterval, @DefaultValue("1s") Duration pollTimeout,
                                @DefaultValue("30s") Duration retireDelay, @DefaultValue("2000") int recordsPerPoll) {
}

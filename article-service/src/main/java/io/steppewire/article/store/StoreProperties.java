package io.steppewire.article.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param generationRefresh how long a reader goes on using the generation it last looked up; a rebuild keeps the
 *                          generation it replaced until well after this (see {@code steppewire.rebuild.retire-delay})
 */
@ConfigurationProperties("steppewire.store")
public record StoreProperties(@DefaultValue("1s") Duration generationRefresh) {
}

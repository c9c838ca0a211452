package io.steppewire.ingest.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to the write endpoints ({@code steppewire.api-key}, env {@code STEPPEWIRE_API_KEY}).
 *
 * @param apiKey the value every write request must send in {@code X-Api-Key}
 */
@ConfigurationProperties("steppewire")
public record ApiKeyProperties(@DefaultValue("local-dev-key") String apiKey) {
}

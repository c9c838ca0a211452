package io.steppewire.notify.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param apiKey the key clients send as {@code X-Api-Key}; env {@code STEPPEWIRE_API_KEY} */
@ConfigurationProperties("steppewire")
public record ApiKeyProperties(String apiKey) {
}

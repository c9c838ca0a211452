package io.steppewire.rates.web;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param apiKey the value writes must send in {@code X-Api-Key} (env {@code STEPPEWIRE_API_KEY}) */
@Validated
@ConfigurationProperties("steppewire")
public record ApiKeySettings(@DefaultValue("local-dev-key") @NotBlank String apiKey) {
}

package io.steppewire.rates.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Settings of rates-service under {@code steppewire.rates}.
 *
 * @param bigMoveThresholdPct the published default threshold, in percent, at which a change is a big move
 *                            (env {@code STEPPEWIRE_RATES_BIG_MOVE_THRESHOLD_PCT})
 * @param quoteApi            the quote intake over HTTP
 */
@Validated
@ConfigurationProperties("steppewire.rates")
public record RatesSettings(
        @DefaultValue("1.0") @DecimalMin(value = "0", inclusive = false) BigDecimal bigMoveThresholdPct,
        @DefaultValue @Valid QuoteApi quoteApi) {

    /**
     * @param maxBatchSize        the most quotes one request may carry; they are published in one transaction
     * @param clockSkew           how far past this service's clock an as-of instant may lie before it counts as future
     * @param transactionIdPrefix start of the Kafka transactional id; each instance appends a random part
     */
    public record QuoteApi(
            @DefaultValue("500") @Min(1) @Max(10_000) int maxBatchSize,
            @DefaultValue("2m") Duration clockSkew,
            @DefaultValue("rates-service-quotes-") @NotBlank String transactionIdPrefix) {
    }
}

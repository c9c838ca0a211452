package io.steppewire.rates.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of rates-service under {@code steppewire.rates}.
 *
 * @param bigMoveThresholdPct the published default threshold, in percent, at which a change is a big move
 *                            (env {@code STEPPEWIRE_RATES_BIG_MOVE_THRESHOLD_PCT})
 * @param quoteApi            the quote intake over HTTP
 * @param official            what every official source's fetching shares
 * @param sources             each official source by its id ({@code nbk}, {@code cbu}, {@code nbkr}, {@code nbt},
 *                            {@code cbt}), e.g. {@code steppewire.rates.sources.nbk.url}
 *                            (env {@code STEPPEWIRE_RATES_SOURCES_NBK_URL})
 */
@Validated
@ConfigurationProperties("steppewire.rates")
public record RatesSettings(
        @DefaultValue("1.0") @DecimalMin(value = "0", inclusive = false) BigDecimal bigMoveThresholdPct,
        @DefaultValue @Valid QuoteApi quoteApi,
        @DefaultValue @Valid Official official,
        @DefaultValue Map<String, @Valid OfficialSource> sources) {

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

    /**
     * @param maxFetchDays         the most dates one {@code POST /api/rates/sources/{id}/fetch} may cover
     * @param catchUpDays          how many days back a scheduled fetch looks for publications it missed (the service
     *                             was down, the bank published late); 1 looks at today only
     * @param pauseBetweenRequests how long a fetch of several dates waits between two requests to the same bank
     */
    public record Official(
            @DefaultValue("366") @Min(1) @Max(3660) int maxFetchDays,
            @DefaultValue("7") @Min(1) @Max(31) int catchUpDays,
            @DefaultValue("250ms") Duration pauseBetweenRequests) {
    }

    /**
     * One official source. Each source's defaults are in the service's {@code application.yaml}.
     *
     * @param enabled         false: never fetched, shown as disabled
     * @param url             where the bank publishes; for {@code cbt} its rates page, read to check the fixed rate
     *                        (empty: not checked)
     * @param zone            the bank's time zone, e.g. {@code Asia/Almaty}: its dates and its schedule are of it
     * @param schedule        when to fetch, a cron expression (second, minute, hour, day, month, weekday) in the
     *                        bank's zone, or {@code -} for fetches asked for only
     * @param publicationDays the days of the week the bank sets a rate
     * @param holidays        dates ({@code 2026-03-21}) the bank sets none although they are publication days
     * @param maxResponseSize the largest answer read from the bank
     * @param fixedRates      for a fixed rate ({@code cbt}): the bank's currency per unit of each currency,
     *                        e.g. {@code USD: "3.50"}
     * @param fixedSince      for a fixed rate: the date ({@code 2015-01-01}) it holds from
     */
    public record OfficialSource(
            @DefaultValue("true") boolean enabled,
            @Nullable String url,
            @DefaultValue("UTC") String zone,
            @DefaultValue("-") String schedule,
            @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) List<DayOfWeek> publicationDays,
            @DefaultValue List<String> holidays,
            @DefaultValue("1MB") DataSize maxResponseSize,
            @DefaultValue Map<String, String> fixedRates,
            @Nullable String fixedSince) {
    }
}

package io.steppewire.rates.settings;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the settings that downstream users need to read rate-change events correctly. */
@RestController
class SettingsController {

    private final RatesSettings settings;

    SettingsController(RatesSettings settings) {
        this.settings = settings;
    }

    @Operation(summary = "The default big-move threshold applied to rate-change events, and the quote API limits")
    @GetMapping("/api/rates/settings")
    RatesSettingsResponse settings() {
        return new RatesSettingsResponse(settings.bigMoveThresholdPct().toPlainString(),
                settings.quoteApi().maxBatchSize());
    }

    /**
     * @param bigMoveThresholdPct the threshold in percent at which {@code assessment} on each change event was judged
     * @param maxQuotesPerBatch   the most quotes one {@code POST /api/quotes} may carry
     */
    record RatesSettingsResponse(String bigMoveThresholdPct, int maxQuotesPerBatch) {
    }
}

package io.steppewire.rates.quote.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.rates.quote.NormaliseQuotes;
import io.steppewire.rates.quote.QuoteBatchRejected;
import io.steppewire.rates.quote.publish.PublishQuotes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Takes quotes from people and tools, the second source of quotes beside the page tickers. */
@RestController
class QuoteController {

    private final NormaliseQuotes normaliseQuotes;
    private final PublishQuotes publishQuotes;
    private final Counter published;

    QuoteController(NormaliseQuotes normaliseQuotes, PublishQuotes publishQuotes, MeterRegistry registry) {
        this.normaliseQuotes = normaliseQuotes;
        this.publishQuotes = publishQuotes;
        this.published = Counter.builder("steppewire.rates.api.quotes.published")
                .description("Quotes accepted over HTTP and committed to fx.quotes.v1")
                .register(registry);
    }

    @Operation(summary = "Publish a batch of quotes to fx.quotes.v1, all or nothing",
            parameters = @Parameter(name = "X-Api-Key", in = ParameterIn.HEADER, required = true),
            responses = {
                    @ApiResponse(responseCode = "202", description = "Committed to Kafka; the normalised quotes"),
                    @ApiResponse(responseCode = "400", description = "Problem with a reason per quote index and field; nothing published"),
                    @ApiResponse(responseCode = "401", description = "Missing or wrong X-Api-Key (only the admin key may publish)"),
                    @ApiResponse(responseCode = "413", description = "Body larger than steppewire.http.max-body-size; nothing published"),
                    @ApiResponse(responseCode = "503", description = "Kafka did not commit; nothing published, safe to retry")})
    @PostMapping(path = "/api/quotes", consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.ACCEPTED)
    AcceptedQuotesResponse submitQuotes(@RequestBody QuoteBatchRequest request) {
        List<RateQuoted> quotes;
        try {
            quotes = normaliseQuotes.apply(request.quotes());
        } catch (QuoteBatchRejected rejected) {
            throw new InvalidQuoteBatchException(rejected);
        }
        publishQuotes.publish(quotes);
        published.increment(quotes.size());
        return AcceptedQuotesResponse.of(quotes);
    }
}

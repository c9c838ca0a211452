package io.steppewire.article.dashboard;

import io.steppewire.article.rates.RateProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the dashboard's pages ask this service besides the query API. */
@RestController
@Tag(name = "dashboard", description = "Settings of the web dashboard served at / and the status it shows")
public class DashboardController {

    private final DashboardProperties settings;
    private final RateProperties rates;
    private final KafkaStatus kafka;

    DashboardController(DashboardProperties settings, RateProperties rates, KafkaStatus kafka) {
        this.settings = settings;
        this.rates = rates;
        this.kafka = kafka;
    }

    /**
     * @param services        the base URL of each service ({@code article}, {@code ingest}, {@code rates},
     *                        {@code notify}) as the browser reaches it; this one's is empty (same origin)
     * @param officialSources the rate sources that are central banks
     */
    public record Settings(Map<String, String> services, List<String> officialSources) {
    }

    @GetMapping("/api/dashboard")
    @Operation(summary = "What the dashboard's pages need to know: where each service is, which rate sources are official",
            description = "article is this service (an empty base: same origin); the others come from steppewire.dashboard.*-url; "
                    + "officialSources from steppewire.rates.official-sources.")
    public Settings settings() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("article", "");
        services.put("ingest", settings.ingestUrl());
        services.put("rates", settings.ratesUrl());
        services.put("notify", settings.notifyUrl());
        return new Settings(services, rates.officialSources());
    }

    @GetMapping("/api/operations/kafka")
    @Operation(summary = "Consumer lag per group and topic, and the records in every dead-letter topic (admin key)",
            description = "Lag is the committed-read end of each partition minus the group's committed offset, summed per topic. "
                    + "Dead letters count the offsets a .dlt topic holds. 503 with Retry-After when Kafka does not answer in time.")
    public KafkaStatus.View kafka() {
        return kafka.read();
    }
}

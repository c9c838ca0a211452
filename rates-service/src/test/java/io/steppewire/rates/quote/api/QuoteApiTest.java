package io.steppewire.rates.quote.api;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.Topics;
import io.steppewire.events.TraceContext;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.rates.support.RatesServiceTest;
import io.steppewire.events.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The quote API end to end inside the service: HTTP in, Kafka transaction, rate change out. */
@RatesServiceTest
class QuoteApiTest {

    private static final String API_KEY = "rates-test-admin-key";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private MockMvc mvc;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Test
    void anInverseQuoteIsAcceptedNormalisedAndPublishedWithItsCloudEventHeaders() throws Exception {
        try (TopicReader<RateQuoted> quotes = new TopicReader<>(brokers, Topics.QUOTES.name(),
                Topics.QUOTES.valueSerde().deserializer())) {
            mvc.perform(post("/api/quotes").header("X-Api-Key", API_KEY).contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"quotes": [{"pair": "USD/UZS", "rate": "12650.50", "reportedChangePct": "0.40",
                                                 "asOf": "2026-03-02", "source": "tashkent-exchange-desk"}]}"""))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.published").value(1))
                    .andExpect(jsonPath("$.quotes[0].pair").value("UZS/USD"))
                    .andExpect(jsonPath("$.quotes[0].quotedAs.pair").value("USD/UZS"))
                    .andExpect(jsonPath("$.quotes[0].quotedAs.rate").value("12650.50"))
                    .andExpect(jsonPath("$.quotes[0].quotedAs.decimals").value(2))
                    .andExpect(jsonPath("$.quotes[0].asOf").value("2026-03-02T00:00:00Z"))
                    .andExpect(jsonPath("$.quotes[0].reportedChangePct").value("-0.40"));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(quotes.poll())
                    .filteredOn(record -> "tashkent-exchange-desk".equals(record.value().source()))
                    .singleElement()
                    .satisfies(record -> {
                        assertThat(record.key()).isEqualTo("UZS/USD");
                        assertThat(CloudEvent.readFrom(record.headers()).orElseThrow().id())
                                .isEqualTo(record.value().quoteId());
                    }));
        }
    }

    @Test
    void twoBatchesFromOneSourceProduceARateChangeAndRatesGivenAsNumbersKeepTheirDecimals() throws Exception {
        try (TopicReader<RateChanged> changes = new TopicReader<>(brokers, Topics.RATE_CHANGES.name(),
                Topics.RATE_CHANGES.valueSerde().deserializer())) {
            submit("""
                    {"quotes": [{"pair": "AZN/USD", "rate": 0.58820, "asOf": "2026-03-02T10:00:00Z", "source": "caspian-wire"}]}""")
                    .andExpect(jsonPath("$.quotes[0].rate").value("0.58820"))
                    .andExpect(jsonPath("$.quotes[0].decimals").value(5));
            submit("""
                    {"quotes": [{"pair": "AZN/USD", "rate": "0.58830", "asOf": "2026-03-03T10:00:00Z", "source": "caspian-wire"}]}""");

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(changesOf(changes, "AZN/USD"))
                    .singleElement()
                    .satisfies(change -> {
                        assertThat(change.previous().rate()).isEqualByComparingTo("0.58820");
                        assertThat(change.current().rate()).isEqualByComparingTo("0.58830");
                        assertThat(change.assessment().big()).isFalse();
                    }));
        }
    }

    @Test
    void quotesAndTheChangeTheyMakeContinueTheCallersTrace() throws Exception {
        String callersTrace = "0af7651916cd43dd8448eb211c80319c";
        try (TopicReader<RateQuoted> quotes = new TopicReader<>(brokers, Topics.QUOTES.name(), Topics.QUOTES.valueSerde().deserializer());
             TopicReader<RateChanged> changes = new TopicReader<>(brokers, Topics.RATE_CHANGES.name(),
                     Topics.RATE_CHANGES.valueSerde().deserializer())) {
            // A 2.7 % move of the yuan from one day to the next (a pair no other test uses): a rate change.
            for (String quote : List.of("\"rate\": \"0.3700\", \"asOf\": \"2026-03-02\"", "\"rate\": \"0.3800\", \"asOf\": \"2026-03-03\"")) {
                mvc.perform(post("/api/quotes").header("X-Api-Key", API_KEY).contentType(MediaType.APPLICATION_JSON)
                                .header(TraceContext.TRACEPARENT, "00-" + callersTrace + "-b7ad6b7169203331-01")
                                .content("{\"quotes\": [{\"pair\": \"CNY/USD\", " + quote + ", \"source\": \"traced-desk\"}]}"))
                        .andExpect(status().isAccepted());
            }

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(quotes.poll())
                    .filteredOn(record -> "traced-desk".equals(record.value().source()))
                    .hasSize(2)
                    .allSatisfy(record -> assertThat(TraceContext.readFrom(record.headers())).as("the quote's trace context")
                            .map(TraceContext::traceId).contains(callersTrace)));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(changes.poll())
                    .filteredOn(record -> "traced-desk".equals(record.value().source()))
                    .singleElement()
                    .satisfies(record -> assertThat(TraceContext.readFrom(record.headers())).as("the change's trace context")
                            .map(TraceContext::traceId).contains(callersTrace)));
        }
    }

    @Test
    void aBatchWithBadQuotesIsRefusedWithAReasonPerQuoteAndNothingIsPublished() throws Exception {
        try (TopicReader<RateQuoted> quotes = new TopicReader<>(brokers, Topics.QUOTES.name(),
                Topics.QUOTES.valueSerde().deserializer())) {
            mvc.perform(post("/api/quotes").header("X-Api-Key", API_KEY).contentType(MediaType.APPLICATION_JSON)
                            .content("""
                                    {"quotes": [
                                      {"pair": "KZT/USD", "rate": "0.00199", "asOf": "2026-03-02", "source": "refused-desk"},
                                      {"pair": "KZTUSD", "rate": "0.00199", "asOf": "2026-03-02", "source": "refused-desk"},
                                      {"pair": "KZT/USD", "rate": "-0.002", "asOf": "2026-03-02", "source": "refused-desk"},
                                      {"pair": "KZT/USD", "rate": "0.00199", "asOf": "2999-01-01", "source": "refused-desk"},
                                      {"pair": "KZT/USD", "rate": "0.00199", "asOf": "2026-03-02"}
                                    ]}"""))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value(containsString("nothing was published")))
                    .andExpect(jsonPath("$.errors", hasSize(4)))
                    .andExpect(jsonPath("$.errors[0].index").value(1))
                    .andExpect(jsonPath("$.errors[0].field").value("pair"))
                    .andExpect(jsonPath("$.errors[1].index").value(2))
                    .andExpect(jsonPath("$.errors[1].message").value(containsString("greater than zero")))
                    .andExpect(jsonPath("$.errors[2].index").value(3))
                    .andExpect(jsonPath("$.errors[2].message").value(containsString("future")))
                    .andExpect(jsonPath("$.errors[3].field").value("source"));

            // A later good batch becomes visible; the refused one never does.
            submit("""
                    {"quotes": [{"pair": "KZT/USD", "rate": "0.00198", "asOf": "2026-03-02", "source": "accepted-desk"}]}""");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(quotes.poll())
                    .anyMatch(record -> "accepted-desk".equals(record.value().source())));
            assertThat(quotes.poll()).noneMatch(record -> "refused-desk".equals(record.value().source()));
        }
    }

    @Test
    void writesWithoutTheApiKeyAreRefusedAsProblems() throws Exception {
        String body = """
                {"quotes": [{"pair": "KZT/USD", "rate": "0.00199", "asOf": "2026-03-02", "source": "nbk"}]}""";
        mvc.perform(post("/api/quotes").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("X-Api-Key")));
        mvc.perform(post("/api/quotes").header("X-Api-Key", "guess").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void anExponentIsRefusedWithItsQuoteAndFieldBeforeAnythingExpandsIt() throws Exception {
        long started = System.nanoTime();
        mvc.perform(post("/api/quotes").header("X-Api-Key", API_KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"quotes": [
                                  {"pair": "KZT/USD", "rate": "0.00199", "asOf": "2026-03-02", "source": "exponent-desk"},
                                  {"pair": "KZT/USD", "rate": "1E-500000000", "asOf": "2026-03-02", "source": "exponent-desk"},
                                  {"pair": "KZT/USD", "rate": 1E-500000000, "reportedChangePct": 1e3, "asOf": "2026-03-03",
                                   "source": "exponent-desk"}
                                ]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Invalid quotes"))
                .andExpect(jsonPath("$.errors", hasSize(3)))
                .andExpect(jsonPath("$.errors[0].index").value(1))
                .andExpect(jsonPath("$.errors[0].field").value("rate"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("no exponent")))
                .andExpect(jsonPath("$.errors[1].index").value(2))
                .andExpect(jsonPath("$.errors[1].field").value("rate"))
                .andExpect(jsonPath("$.errors[2].index").value(2))
                .andExpect(jsonPath("$.errors[2].field").value("reportedChangePct"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void anUnreadableBodyIsAProblemThatSaysWhatIsWrong() throws Exception {
        mvc.perform(post("/api/quotes").header("X-Api-Key", API_KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quotes\": [ oops"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("not valid JSON")));
        mvc.perform(post("/api/quotes").header("X-Api-Key", API_KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quotes\": [{\"pair\": \"KZT/USD\", \"rate\": {\"value\": 1}}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("quotes[0].rate")));
        mvc.perform(post("/api/quotes").header("X-Api-Key", API_KEY).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quotes\": []}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("non-empty")));
    }

    @Test
    void theDefaultThresholdIsPublishedForReading() throws Exception {
        mvc.perform(get("/api/rates/settings"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bigMoveThresholdPct").value("1.0"));
    }

    @Test
    void theApiIsDescribedInOpenApiAndTheServiceReportsHealthy() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/quotes'].post").exists())
                .andExpect(jsonPath("$.paths['/api/rates/settings'].get").exists());
        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP")));
    }

    private org.springframework.test.web.servlet.ResultActions submit(String body) throws Exception {
        return mvc.perform(post("/api/quotes").header("X-Api-Key", API_KEY).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isAccepted());
    }

    private static List<RateChanged> changesOf(TopicReader<RateChanged> changes, String pair) {
        return changes.poll().stream().filter(record -> pair.equals(record.key())).map(ConsumerRecord::value).toList();
    }
}

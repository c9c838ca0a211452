package io.steppewire.rates.official.api;

import io.steppewire.events.CloudEvent;
import io.steppewire.events.TopicReader;
import io.steppewire.events.Topics;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.rates.change.ImpliedPrevious;
import io.steppewire.rates.support.OfficialRatesSite;
import io.steppewire.rates.support.OfficialRatesSite.Answer;
import io.steppewire.rates.support.OfficialRatesSiteInitializer;
import io.steppewire.rates.support.RatesServiceTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The official sources inside the running service: HTTP in, the banks' local site, Kafka out. */
@RatesServiceTest
class OfficialSourcesApiTest {

    private static final String API_KEY = "rates-test-admin-key";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant APRIL_FIRST = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant APRIL_SECOND = Instant.parse("2026-04-02T00:00:00Z");

    private final OfficialRatesSite site = OfficialRatesSiteInitializer.site();

    @Autowired
    private MockMvc mvc;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @AfterEach
    void forgetTheSitesAnswers() {
        site.reset();
    }

    @Test
    void everySourceIsListedWithItsBankZoneScheduleAndState() throws Exception {
        mvc.perform(get("/api/rates/sources"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id").value(contains("nbk", "cbu", "nbkr", "nbt", "cbt")))
                .andExpect(jsonPath("$.items[0].bank").value("National Bank of Kazakhstan"))
                .andExpect(jsonPath("$.items[0].currency").value("KZT"))
                .andExpect(jsonPath("$.items[0].kind").value("dated"))
                .andExpect(jsonPath("$.items[0].zone").value("Asia/Almaty"))
                .andExpect(jsonPath("$.items[0].fetchesFrom").value("127.0.0.1"))
                .andExpect(jsonPath("$.items[0].publicationDays[0]").value("MONDAY"))
                .andExpect(jsonPath("$.items[2].kind").value("latest"))
                .andExpect(jsonPath("$.items[4].kind").value("fixed"))
                .andExpect(jsonPath("$.items[4].fixedRates.USD").value("3.50"))
                .andExpect(jsonPath("$.items[4].status").value("disabled"));
        mvc.perform(get("/api/rates/sources/cbu"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.bank").value("Central Bank of Uzbekistan"))
                .andExpect(jsonPath("$.zone").value("Asia/Tashkent"));
    }

    @Test
    void aFetchPublishesTheBanksRatesToTheQuoteTopicAndTheirReportedMovesAsChanges() throws Exception {
        site.answer("/nbk/get_rates.cfm?fdate=01.04.2026", Answer.xml("nbk/rates-2026-04-01.xml"))
                .answer("/nbk/get_rates.cfm?fdate=02.04.2026", Answer.xml("nbk/rates-2026-04-02.xml"));
        try (TopicReader<RateQuoted> quotes = new TopicReader<>(brokers, Topics.QUOTES.name(), Topics.QUOTES.valueSerde().deserializer());
             TopicReader<RateChanged> changes = new TopicReader<>(brokers, Topics.RATE_CHANGES.name(),
                     Topics.RATE_CHANGES.valueSerde().deserializer())) {

            fetch("nbk", "?from=2026-04-01&to=2026-04-01")
                    .andExpect(status().isAccepted())
                    .andExpect(header().string("Location", "/api/rates/sources/nbk"))
                    .andExpect(jsonPath("$.from").value("2026-04-01"))
                    .andExpect(jsonPath("$.to").value("2026-04-01"))
                    .andExpect(jsonPath("$.source.id").value("nbk"));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(official(quotes.poll(), APRIL_FIRST)).hasSize(9));
            ConsumerRecord<String, RateQuoted> tenge = official(quotes.poll(), APRIL_FIRST).stream()
                    .filter(record -> record.key().equals("KZT/USD")).findFirst().orElseThrow();
            CloudEvent event = CloudEvent.readFrom(tenge.headers()).orElseThrow();
            assertThat(event.id()).isEqualTo(tenge.value().quoteId());
            assertThat(event.source()).isEqualTo("/steppewire/rates-service");

            // The bank's own change makes its first quote of each pair a move, measured from the rate it implies.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(changesOf(changes.poll(), APRIL_FIRST)).hasSize(9)
                    .allMatch(change -> change.previous().quoteId().startsWith(ImpliedPrevious.ID_PREFIX)));
            await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/api/rates/sources/nbk"))
                    .andExpect(jsonPath("$.status").value("ok"))
                    .andExpect(jsonPath("$.lastPublishedDate").value("2026-04-01"))
                    .andExpect(jsonPath("$.lastPublishedQuotes").value(9))
                    .andExpect(jsonPath("$.running").doesNotExist()));

            // The same day again publishes the same quote ids, which the stream drops as duplicates; the next day changes.
            fetch("nbk", "?from=2026-04-01&to=2026-04-02").andExpect(status().isAccepted());

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(changesOf(changes.poll(), APRIL_SECOND)).hasSize(9)
                    .allMatch(change -> change.previous().asOf().equals(APRIL_FIRST)));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(official(quotes.poll(), APRIL_FIRST)).hasSize(18));
            assertThat(official(quotes.poll(), APRIL_FIRST).stream().map(record -> record.value().quoteId()).distinct())
                    .as("the same nine ids twice").hasSize(9);
            assertThat(changesOf(changes.poll(), APRIL_FIRST)).as("no change from the repeated day").hasSize(9);
        }
    }

    @Test
    void aFailingBankIsShownAsFailedWithItsReason() throws Exception {
        site.answer("/nbt/export_xml.php?date=2026-03-31&export=xmlout", Answer.status(502));

        fetch("nbt", "?to=2026-03-31").andExpect(status().isAccepted());

        await().atMost(PATIENCE).untilAsserted(() -> mvc.perform(get("/api/rates/sources/nbt"))
                .andExpect(jsonPath("$.status").value("failed"))
                .andExpect(jsonPath("$.lastError").value("2026-03-31: the bank answered HTTP 502")));
    }

    @Test
    void datesThatCannotBeFetchedAreRefusedAsProblems() throws Exception {
        fetch("nbk", "?from=2026-13-01").andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("from must be a date such as 2026-04-01")));
        fetch("nbk", "?from=2020-01-01&to=2026-04-01").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("at most 366 days")));
        fetch("nbk", "?from=2026-04-02&to=2026-04-01").andExpect(status().isBadRequest());
        fetch("nbk", "?to=2999-01-01").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("in the future")));
        fetch("nbk", "?form=2026-04-01").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("only from and to")));
        fetch("nbk", "?from=2026-04-01&from=2026-03-01").andExpect(status().isBadRequest());
        fetch("nbkr", "?from=2026-04-01").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("only its latest rates")));
        assertThat(site.requests()).isEmpty();
    }

    @Test
    void anUnknownOrDisabledSourceIsRefusedAsAProblem() throws Exception {
        fetch("ecb", "").andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("no official source is called 'ecb'")));
        mvc.perform(get("/api/rates/sources/ecb")).andExpect(status().isNotFound());
        fetch("cbt", "").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("cbt is disabled")));
        assertThat(site.requests()).isEmpty();
    }

    private ResultActions fetch(String id, String query) throws Exception {
        return mvc.perform(post("/api/rates/sources/" + id + "/fetch" + query).header("X-Api-Key", API_KEY));
    }

    private static List<ConsumerRecord<String, RateQuoted>> official(List<ConsumerRecord<String, RateQuoted>> records, Instant asOf) {
        return records.stream().filter(record -> record.value() != null && "nbk".equals(record.value().source())
                && asOf.equals(record.value().asOf())).toList();
    }

    private static List<RateChanged> changesOf(List<ConsumerRecord<String, RateChanged>> records, Instant asOf) {
        return records.stream().map(ConsumerRecord::value)
                .filter(change -> change != null && "nbk".equals(change.source()) && asOf.equals(change.current().asOf()))
                .toList();
    }
}

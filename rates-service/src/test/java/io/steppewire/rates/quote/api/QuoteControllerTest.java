package io.steppewire.rates.quote.api;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steppewire.events.fx.RateQuoted;
import io.steppewire.rates.quote.NormaliseQuotes;
import io.steppewire.rates.quote.publish.PublishQuotes;
import io.steppewire.platform.problem.ProblemAdvice;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What a client sees when Kafka does not take a batch: no broker needed to tell that story. */
class QuoteControllerTest {

    @Test
    @SuppressWarnings("unchecked")
    void whenKafkaDoesNotCommitTheClientIsToldNothingWasPublishedAndItMayRetry() throws Exception {
        KafkaTemplate<String, RateQuoted> brokenKafka = mock(KafkaTemplate.class);
        when(brokenKafka.executeInTransaction(any(KafkaOperations.OperationsCallback.class)))
                .thenThrow(new KafkaException("Timeout expired after 15000ms while awaiting EndTxn"));
        NormaliseQuotes normalise = new NormaliseQuotes(Clock.fixed(Instant.parse("2026-03-14T12:00:00Z"), ZoneOffset.UTC),
                10, Duration.ofMinutes(2));
        MockMvc mvc = MockMvcBuilders
                .standaloneSetup(new QuoteController(normalise, new PublishQuotes(brokenKafka), new SimpleMeterRegistry()))
                .setControllerAdvice(new ProblemAdvice())
                .build();

        mvc.perform(post("/api/quotes").contentType(MediaType.APPLICATION_JSON).content("""
                        {"quotes": [{"pair": "KZT/USD", "rate": "0.00199", "asOf": "2026-03-14", "source": "nbk"}]}"""))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("nothing was published")));
    }
}

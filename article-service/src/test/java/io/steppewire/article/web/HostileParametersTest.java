package io.steppewire.article.web;

import io.steppewire.article.support.HostileValues;
import io.steppewire.article.support.Newsroom;
import io.steppewire.article.support.QueryApi;
import io.steppewire.article.support.ServiceTest;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Query parameters and path variables are hostile input. Every input of every query endpoint gets every hostile
 * value: the answer is a correct 200, or a 400/404 problem+json saying what is wrong; never a 5xx, never slow.
 */
class HostileParametersTest extends ServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private ArticleIngested seeded;
    private String seededPair;

    @BeforeEach
    void seedAnArticleAndAQuote() {
        seeded = Newsroom.story("hostile-herald", "Herald Stands Up to Odd Requests",
                "ALMATY - Energy prices held while the herald answered every question.").about("KZ").tagged("energy").event();
        RateQuoted quote = RateQuoted.fromQuote("AZN/USD", new BigDecimal("0.5882"), null, Instant.parse("2026-03-14T00:00:00Z"),
                "hostile-herald", null, Instant.parse("2026-03-14T00:00:00Z"));
        seededPair = "AZN-USD";
        publisher.publish(Topics.ARTICLES, seeded.articleId(), seeded.articleId(), seeded);
        publisher.publish(Topics.QUOTES, quote.pair(), quote.quoteId(), quote);
        await().atMost(PATIENCE).until(() -> api.get("/api/articles/" + seeded.articleId()).status() == 200
                && api.get("/api/rates/" + seededPair + "/history").status() == 200);
    }

    @Test
    void answersEveryHostileValueOfEveryParameterWithA200OrAProblem() throws IOException {
        QueryApi.warmUp(port);
        List<String> unexpected = new ArrayList<>();
        for (QueryApi.Endpoint endpoint : QueryApi.ENDPOINTS) {
            for (String input : endpoint.inputs()) {
                for (String value : HostileValues.all()) {
                    String request = endpoint.request(input, value, seeded.articleId(), seededPair);
                    String problem = QueryApi.unexpectedAnswer(port, request, input, value);
                    if (problem != null) {
                        unexpected.add(problem);
                    }
                }
            }
        }
        assertThat(unexpected).isEmpty();
    }

    @Test
    void ignoresParametersItDoesNotKnowWhateverTheirNames() {
        String plain = api.get("/api/articles?country=KZ&limit=100").body().toString();
        for (String name : List.of("tag[$ne]", "$where", "country[$gt]", "__proto__", "filter", "limit[$gt]")) {
            String request = "/api/articles?country=KZ&limit=100&" + QueryApi.encode(name) + "=" + QueryApi.encode("{\"$gt\":\"\"}");
            assertThat(api.get(request).body().toString()).as(name).isEqualTo(plain);
            assertThat(api.get("/api/rates?" + QueryApi.encode(name) + "=1").status()).as(name).isEqualTo(200);
        }
    }

    @Test
    void refusesTooLongTextAndTooManyWordsInQ() {
        assertThat(api.get("/api/articles?q=" + "a".repeat(1_001)).body().path("detail").asString()).contains("at most 1000");
        assertThat(api.get("/api/articles?q=" + QueryApi.encode("solar grid ".repeat(20) + "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 "
                + "w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 w25 w26 w27 w28 w29 w30 w31")).body()
                .path("detail").asString()).contains("at most 32");
        assertThat(api.get("/api/facets?tag=" + "t".repeat(201)).body().path("parameter").asString()).isEqualTo("tag");
    }
}

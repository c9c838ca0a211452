package io.steppewire.article.rates;

import io.steppewire.article.support.ApiClient;
import io.steppewire.article.support.Newsroom;
import io.steppewire.article.support.ServiceTest;
import io.steppewire.events.Topics;
import io.steppewire.events.article.ArticleIngested;
import io.steppewire.events.fx.RateChanged;
import io.steppewire.events.fx.RateQuoted;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RateApiTest extends ServiceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant MARCH_13 = Instant.parse("2026-03-13T00:00:00Z");
    private static final Instant MARCH_14 = Instant.parse("2026-03-14T00:00:00Z");
    private static final Instant MARCH_15 = Instant.parse("2026-03-15T00:00:00Z");

    private static RateQuoted quote(String pair, String rate, Instant asOf, String source, Instant quotedAt) {
        return RateQuoted.fromQuote(pair, new BigDecimal(rate), null, asOf, source, null, quotedAt);
    }

    private void publish(RateQuoted... quotes) {
        for (RateQuoted quote : quotes) {
            publisher.publish(Topics.QUOTES, quote.pair(), quote.quoteId(), quote);
        }
    }

    private JsonNode latest(String pair) {
        for (JsonNode item : api.get("/api/rates").body().path("items")) {
            if (pair.equals(item.path("pair").asString())) {
                return item;
            }
        }
        return null;
    }

    @Test
    void showsTheNewestQuoteOfEachPairEvenWhenAnOlderOneArrivesLater() {
        RateQuoted march14 = quote("KGS/USD", "0.01143", MARCH_14, "ala-too-news", MARCH_14);
        RateQuoted march13 = quote("KGS/USD", "0.01150", MARCH_13, "ala-too-news", MARCH_15);

        publish(march14);
        await().atMost(PATIENCE).until(() -> latest("KGS/USD") != null);
        publish(march13);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/rates/KGS-USD/history").body().path("items")).hasSize(2));

        JsonNode rate = latest("KGS/USD");
        assertThat(rate.path("rate").asString()).isEqualTo("0.01143");
        assertThat(rate.path("decimals").asInt()).isEqualTo(5);
        assertThat(rate.path("rateLow").asString()).isEqualTo("0.011425");
        assertThat(rate.path("asOf").asString()).isEqualTo("2026-03-14T00:00:00Z");
        assertThat(rate.path("source").asString()).isEqualTo("ala-too-news");
        assertThat(rate.has("lastChange")).isTrue();
        assertThat(rate.path("lastChange").isNull()).isTrue();
    }

    @Test
    void keepsOnePointPerSourceAndAsOfOldestFirstWithinTheRange() {
        RateQuoted inverse = quote("USD/TJS", "10.95", MARCH_13, "pamir-daily", MARCH_13);
        publish(quote("TJS/USD", "0.0913", MARCH_14, "pamir-daily", MARCH_14),
                inverse,
                quote("TJS/USD", "0.0915", MARCH_14, "dushanbe-times", MARCH_14),
                quote("TJS/USD", "0.0914", MARCH_15, "pamir-daily", MARCH_15),
                // The same page read twice: the same point again.
                quote("TJS/USD", "0.0913", MARCH_14, "pamir-daily", MARCH_14));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/rates/TJS-USD/history").body().path("items")).hasSize(4));

        JsonNode history = api.get("/api/rates/TJS-USD/history").body();
        assertThat(history.path("pair").asString()).isEqualTo("TJS/USD");
        assertThat(history.path("items").valueStream().map(p -> p.path("asOf").asString().substring(0, 10) + " "
                + p.path("source").asString())).containsExactly("2026-03-13 pamir-daily", "2026-03-14 dushanbe-times",
                "2026-03-14 pamir-daily", "2026-03-15 pamir-daily");
        assertThat(history.path("items").get(0).path("rate").asString()).isEqualTo(inverse.rate().toPlainString());

        JsonNode day = api.get("/api/rates/TJS-USD/history?from=2026-03-14&to=2026-03-14").body();
        assertThat(day.path("items").valueStream().map(p -> p.path("rate").asString())).containsExactly("0.0915", "0.0913");
        assertThat(latest("TJS/USD").path("quotedAs").isNull()).isTrue();
    }

    @Test
    void showsTheLastChangeOfAPairWithItsInterval() {
        RateQuoted before = quote("UZS/USD", "0.0000787", MARCH_13, "silk-road-ledger", MARCH_13);
        RateQuoted after = quote("UZS/USD", "0.0000781", MARCH_14, "silk-road-ledger", MARCH_14);
        RateQuoted afterThat = quote("UZS/USD", "0.0000780", MARCH_15, "silk-road-ledger", MARCH_15);
        RateChanged first = RateChanged.between(before, after, new BigDecimal("0.5"), MARCH_14);
        RateChanged second = RateChanged.between(after, afterThat, new BigDecimal("0.5"), MARCH_15);
        publish(before, after, afterThat);
        publisher.publish(Topics.RATE_CHANGES, second.pair(), second.changeId(), second);
        publisher.publish(Topics.RATE_CHANGES, first.pair(), first.changeId(), first);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode change = latest("UZS/USD").path("lastChange");
            assertThat(change.path("changeId").asString()).isEqualTo(second.changeId());
        });
        JsonNode change = latest("UZS/USD").path("lastChange");
        assertThat(change.path("previous").path("rate").asString()).isEqualTo("0.0000781");
        assertThat(change.path("current").path("rate").asString()).isEqualTo("0.0000780");
        assertThat(change.path("naiveChangePct").asString()).isEqualTo(second.naiveChangePct().toPlainString());
        assertThat(change.path("computedChangePct").path("lowPct").asString())
                .isEqualTo(second.computedChangePct().lowPct().toPlainString());
        assertThat(change.path("assessment").path("big").asBoolean()).isEqualTo(second.assessment().big());
        assertThat(change.path("assessment").path("basis").asString()).isEqualTo(second.assessment().basis().name());
    }

    @Test
    void putsAMoveNextToTheNewsAboutItsCountryFromTheDayBeforeToTheDayAfter() {
        RateQuoted before = quote("TMT/USD", "0.2857", MARCH_13, "ashgabat-courier", MARCH_13);
        RateQuoted after = quote("TMT/USD", "0.2800", MARCH_14, "ashgabat-courier", MARCH_14);
        RateChanged move = RateChanged.between(before, after, new BigDecimal("1.0"), MARCH_14);
        ArticleIngested gasDeal = Newsroom.story("ashgabat-courier", "Turkmen Gas Deal Signed With New Buyer",
                "ASHGABAT - A ten-year supply contract was signed on Friday.").publishedOn("2026-03-13").about("TM").event();
        ArticleIngested weekLater = Newsroom.story("ashgabat-courier", "Turkmen Carpet Museum Reopens",
                "ASHGABAT - The museum reopened after repairs.").publishedOn("2026-03-21").about("TM").event();
        publish(before, after);
        publisher.publish(Topics.RATE_CHANGES, move.pair(), move.changeId(), move);
        publisher.publish(Topics.ARTICLES, gasDeal.articleId(), gasDeal.articleId(), gasDeal);
        publisher.publish(Topics.ARTICLES, weekLater.articleId(), weekLater.articleId(), weekLater);

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode context = api.get("/api/rates/TMT-USD/context?date=2026-03-14").body();
            assertThat(context.path("moves").valueStream().map(m -> m.path("changeId").asString())).containsExactly(move.changeId());
            assertThat(context.path("articles").valueStream().map(a -> a.path("title").asString()))
                    .contains("Turkmen Gas Deal Signed With New Buyer").doesNotContain("Turkmen Carpet Museum Reopens");
        });
        JsonNode context = api.get("/api/rates/TMT-USD/context?date=2026-03-14").body();
        assertThat(context.path("pair").asString()).isEqualTo("TMT/USD");
        assertThat(context.path("countries").valueStream().map(JsonNode::asString)).containsExactly("TM");
        assertThat(context.path("quotes").valueStream().map(q -> q.path("rate").asString())).containsExactly("0.2800");
    }

    @Test
    void refusesAMalformedPairOrDateAndAnswersAnUnknownPairWithNotFound() {
        var malformed = api.get("/api/rates/tenge/history");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.body().path("parameter").asString()).isEqualTo("pair");
        assertThat(malformed.body().path("detail").asString()).contains("KZT-USD");

        var unknown = api.get("/api/rates/MNT-USD/history");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        publish(quote("AZN/USD", "0.5882", MARCH_14, "baku-bulletin", MARCH_14));
        await().atMost(PATIENCE).until(() -> latest("AZN/USD") != null);
        var badDate = api.get("/api/rates/AZN-USD/context?date=14-03-2026");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.body().path("parameter").asString()).isEqualTo("date");
        var noDate = api.get("/api/rates/AZN-USD/context");
        assertThat(noDate.status()).isEqualTo(400);
        assertThat(noDate.body().path("parameter").asString()).isEqualTo("date");
        var badFrom = api.get("/api/rates/AZN-USD/history?from=soon");
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.body().path("parameter").asString()).isEqualTo("from");
        var inverse = api.get("/api/rates/USD-AZN/history");
        assertThat(inverse.status()).isEqualTo(400);
        assertThat(inverse.body().path("detail").asString()).contains("AZN-USD");
    }
    @Test
    void filtersTheHistoryBySourceAndAnswersASourceThatNeverQuotedThePairWithNotFound() {
        publish(quote("AFN/USD", "0.01412", MARCH_13, "cbu", MARCH_13),
                quote("AFN/USD", "0.01415", MARCH_14, "kabul-ticker", MARCH_14),
                quote("AFN/USD", "0.01418", MARCH_15, "kabul-ticker", MARCH_15));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/rates/AFN-USD/history").body().path("items")).hasSize(3));

        assertThat(api.get("/api/rates/AFN-USD/history?source=kabul-ticker").texts("items", "rate")).containsExactly("0.01415", "0.01418");
        assertThat(api.get("/api/rates/AFN-USD/history?source=kabul-ticker&to=2026-03-14").texts("items", "rate"))
                .containsExactly("0.01415");
        var unknownSource = api.get("/api/rates/AFN-USD/history?source=nbk");
        assertThat(unknownSource.status()).isEqualTo(404);
        assertThat(unknownSource.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/rates/AFN-USD/history?source=" + "s".repeat(201)).body().path("parameter").asString())
                .isEqualTo("source");
    }

    @Test
    void givesOnePointPerUtcDayWithOpenHighLowCloseTheirDecimalsAndTheCount() {
        Instant morning = Instant.parse("2026-03-14T06:00:00Z");
        Instant noon = Instant.parse("2026-03-14T12:00:00Z");
        Instant lateEvening = Instant.parse("2026-03-14T23:30:00Z");
        publish(quote("INR/USD", "0.00258", MARCH_14, "nbk", MARCH_14),
                quote("INR/USD", "0.002601", morning, "mumbai-ticker", morning),
                quote("INR/USD", "0.0025", noon, "mumbai-ticker", noon),
                quote("INR/USD", "0.00259", lateEvening, "mumbai-ticker", lateEvening),
                // A later reading of a point corrects it.
                quote("INR/USD", "0.00256", MARCH_15, "nbk", MARCH_15.plusSeconds(3_600)));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/rates/INR-USD/daily?from=2026-03-13&to=2026-03-15").body().path("items")).hasSize(2));
        // The earlier reading arrives late, followed by a next day's quote on the same partition: once that one is shown,
        // the late reading was projected too, and changed nothing.
        Instant march16 = Instant.parse("2026-03-16T00:00:00Z");
        publish(quote("INR/USD", "0.00257", MARCH_15, "nbk", MARCH_15), quote("INR/USD", "0.00255", march16, "nbk", march16));
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/api/rates/INR-USD/daily?from=2026-03-13&to=2026-03-16").body().path("items")).hasSize(3));

        JsonNode daily = api.get("/api/rates/INR-USD/daily?from=2026-03-13&to=2026-03-15").body();
        assertThat(daily.path("pair").asString()).isEqualTo("INR/USD");
        JsonNode march14 = daily.path("items").get(0);
        assertThat(march14.path("day").asString()).isEqualTo("2026-03-14");
        assertThat(march14.path("count").asInt()).isEqualTo(4);
        assertThat(march14.path("open").path("rate").asString()).isEqualTo("0.00258");
        assertThat(march14.path("open").path("source").asString()).isEqualTo("nbk");
        assertThat(march14.path("high").path("rate").asString()).isEqualTo("0.002601");
        assertThat(march14.path("high").path("decimals").asInt()).isEqualTo(6);
        assertThat(march14.path("low").path("rate").asString()).isEqualTo("0.0025");
        assertThat(march14.path("low").path("decimals").asInt()).isEqualTo(4);
        assertThat(march14.path("low").path("rateLow").asString()).isEqualTo("0.00245");
        assertThat(march14.path("close").path("asOf").asString()).isEqualTo("2026-03-14T23:30:00Z");
        assertThat(daily.path("items").get(1).path("count").asInt()).isEqualTo(1);
        assertThat(daily.path("items").get(1).path("close").path("rate").asString()).isEqualTo("0.00256");

        JsonNode tickerOnly = api.get("/api/rates/INR-USD/daily?from=2026-03-13&to=2026-03-15&source=mumbai-ticker").body();
        assertThat(tickerOnly.path("items")).hasSize(1);
        assertThat(tickerOnly.path("items").get(0).path("open").path("rate").asString()).isEqualTo("0.002601");
        assertThat(tickerOnly.path("items").get(0).path("count").asInt()).isEqualTo(3);
        // Without a range: the 30 days up to the newest quote.
        JsonNode recent = api.get("/api/rates/INR-USD/daily").body();
        assertThat(recent.path("to").asString()).isEqualTo("2026-03-16");
        assertThat(recent.path("from").asString()).isEqualTo("2026-02-15");
        assertThat(recent.path("items")).hasSize(3);
    }

    @Test
    void showsEachPairsLatestOfficialRateNextToItsLatestTickerRate() {
        publish(quote("BYN/USD", "0.3050", MARCH_13, "nbk", MARCH_13),
                quote("BYN/USD", "0.3061", MARCH_14, "minsk-ticker", MARCH_14),
                quote("BYN/USD", "0.3049", MARCH_14, "cbu", MARCH_14),
                quote("BYN/USD", "0.3070", MARCH_15, "minsk-ticker", MARCH_15));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode rate = latest("BYN/USD");
            assertThat(rate).isNotNull();
            assertThat(rate.path("ticker").path("rate").asString()).isEqualTo("0.3070");
            assertThat(rate.path("official").path("source").asString()).isEqualTo("cbu");
        });
        JsonNode rate = latest("BYN/USD");
        assertThat(rate.path("rate").asString()).isEqualTo("0.3070");
        assertThat(rate.path("official").path("rate").asString()).isEqualTo("0.3049");
        assertThat(rate.path("official").path("decimals").asInt()).isEqualTo(4);
        assertThat(rate.path("official").path("asOf").asString()).isEqualTo("2026-03-14T00:00:00Z");
        assertThat(rate.path("ticker").path("source").asString()).isEqualTo("minsk-ticker");
    }

    @Test
    void refusesHostileDailyQueriesWithAProblem() {
        publish(quote("UAH/USD", "0.02410", MARCH_14, "kyiv-ticker", MARCH_14));
        await().atMost(PATIENCE).until(() -> latest("UAH/USD") != null);

        assertProblem(api.get("/api/rates/UAH-USD/daily?from=2026-03-15&to=2026-03-14"), 400, "from");
        assertProblem(api.get("/api/rates/UAH-USD/daily?from=2025-01-01&to=2026-03-14"), 400, "to");
        assertThat(api.get("/api/rates/UAH-USD/daily?from=2025-03-14&to=2026-03-14").status()).isEqualTo(200);
        assertProblem(api.get("/api/rates/UAH-USD/daily?from=14.03.2026"), 400, "from");
        assertProblem(api.get("/api/rates/PKR-USD/daily"), 404, null);
        assertProblem(api.get("/api/rates/UAH-USD/daily?source=nbk"), 404, null);
        assertProblem(api.get("/api/rates/USD-UAH/daily"), 400, "pair");
        assertProblem(api.get("/api/rates/UAH-USD-EUR/daily"), 400, "pair");
        for (String trick : List.of("..", "UAH-USD%00", "%2e%2e", "UAH-USD;x=1", "UAH-USD%2F..")) {
            var answer = api.get("/api/rates/" + trick + "/daily");
            assertThat(answer.status()).as(trick).isIn(400, 404);
        }
    }

    private static void assertProblem(ApiClient.Answer answer, int status, String parameter) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        if (parameter != null) {
            assertThat(answer.body().path("parameter").asString()).isEqualTo(parameter);
        }
    }
}

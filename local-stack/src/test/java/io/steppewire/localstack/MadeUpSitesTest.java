package io.steppewire.localstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The made-up web that a stack without internet polls: fixed pages in each bank's format, nothing else. */
class MadeUpSitesTest {

    /** A Wednesday. */
    private static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");
    private static final MadeUpSites SITES = new MadeUpSites(PortCheck.anyFree(), Clock.fixed(NOW, ZoneOffset.UTC));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        SITES.start();
    }

    @AfterAll
    static void stop() {
        SITES.close();
    }

    @Test
    void theFeedLinksToArticlePagesTheSiteServes() throws Exception {
        HttpResponse<String> feed = get(MadeUpSites.FEED);

        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.body()).doesNotContain("${base}").contains(SITES.url() + "/news/articles/almaty-cycle-lane.html");
        Document rss = xml(feed.body());
        int items = rss.getElementsByTagName("item").getLength();
        assertThat(items).isEqualTo(3);
        for (int i = 0; i < items; i++) {
            String link = rss.getElementsByTagName("link").item(i + 1).getTextContent();
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(link).isEqualTo(200);
        }
        assertThat(get(MadeUpSites.FRONT_PAGE).body()).contains("<html");
        assertThat(get(MadeUpSites.ARTICLE).statusCode()).isEqualTo(200);
    }

    @Test
    void eachBankAnswersTheAskedBusinessDayInItsOwnFormat() throws Exception {
        Document nbk = xml(get(MadeUpSites.BANK_PATHS.get("nbk") + "?fdate=31.03.2026").body());
        assertThat(nbk.getElementsByTagName("date").item(0).getTextContent()).isEqualTo("31.03.2026");
        assertThat(nbk.getElementsByTagName("title").item(1).getTextContent()).isEqualTo("USD");

        assertThat(get(MadeUpSites.BANK_PATHS.get("cbu") + "2026-03-31/").body()).startsWith("[{").contains("\"Date\":\"31.03.2026\"")
                .contains("\"Ccy\":\"USD\"");

        Document nbt = xml(get(MadeUpSites.BANK_PATHS.get("nbt") + "?date=2026-03-31&export=xmlout").body());
        assertThat(nbt.getDocumentElement().getAttribute("Date")).isEqualTo("2026-03-31");

        HttpResponse<byte[]> nbkr = HTTP.send(HttpRequest.newBuilder(URI.create(SITES.url() + MadeUpSites.BANK_PATHS.get("nbkr"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(nbkr.headers().firstValue("Content-Type")).hasValue("text/xml; charset=windows-1251");
        Document kgs = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(nbkr.body()));
        assertThat(kgs.getDocumentElement().getAttribute("Date")).isEqualTo("01.04.2026");
        assertThat(kgs.getElementsByTagName("Value").item(0).getTextContent()).as("comma decimals, as the bank writes them")
                .matches("\\d+,\\d{4}");

        assertThat(get(MadeUpSites.BANK_PATHS.get("cbt")).body()).contains("01.04.2026").contains("3,5000");
    }

    @Test
    void aWeekendDayShowsFridaysPublicationWhichTheAdaptersReadAsNoNewRate() throws Exception {
        Document saturday = xml(get(MadeUpSites.BANK_PATHS.get("nbk") + "?fdate=28.03.2026").body());

        assertThat(saturday.getElementsByTagName("date").item(0).getTextContent()).isEqualTo("27.03.2026");
        assertThat(MadeUpSites.published(LocalDate.parse("2026-03-29"))).isEqualTo(LocalDate.parse("2026-03-27"));
    }

    @Test
    void ratesMoveALittleFromDayToDayAndAreTheSameWhenAskedAgain() {
        LocalDate monday = LocalDate.parse("2026-03-30");
        var first = MadeUpSites.rateOn("512.34", monday, 2);

        assertThat(MadeUpSites.rateOn("512.34", monday, 2)).isEqualTo(first);
        assertThat(MadeUpSites.rateOn("512.34", monday.plusDays(1), 2)).isNotEqualTo(first);
        assertThat(first.doubleValue()).isBetween(512.34 * 0.99, 512.34 * 1.01);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/news/articles/../../etc/passwd", "/news/articles/%2e%2e/%2e%2e/pom.xml", "/news/feed.xml/",
            "/banks/nbk/rss/", "/made-up-sites/news/feed.xml", "/", "/news/articles/aral-catch.html.bak"})
    void servesOnlyItsFixedPages(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void aMalformedDateIsABadRequest() throws Exception {
        assertThat(get(MadeUpSites.BANK_PATHS.get("nbk") + "?fdate=32.13.2026").statusCode()).isEqualTo(400);
        assertThat(get(MadeUpSites.BANK_PATHS.get("cbu") + "yesterday/").statusCode()).isEqualTo(400);
    }

    @Test
    void refusesWrites() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(SITES.url() + MadeUpSites.FEED))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SITES.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Document xml(String body) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
    }
}

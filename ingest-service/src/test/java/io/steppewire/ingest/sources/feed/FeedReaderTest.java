package io.steppewire.ingest.sources.feed;

import io.steppewire.ingest.sources.fetch.Charsets;
import io.steppewire.ingest.sources.support.Feeds;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedReaderTest {

    private static List<FeedItem> read(String fixture, String fetchedFrom) throws UnreadableFeedException {
        return FeedReader.read(Charsets.decode(Feeds.bytes(fixture), null), URI.create(fetchedFrom));
    }

    @Test
    void readsCdataHtmlIntoParagraphsWithoutScriptsAndCategoriesAsGiven() throws Exception {
        List<FeedItem> items = read("rss2-cdata.xml", "https://steppe-daily.example/rss");

        assertThat(items).hasSize(2);
        FeedItem library = items.getFirst();
        assertThat(library.title()).isEqualTo("Almaty Opens a Library in an Old Tram Depot");
        assertThat(library.link()).hasToString("https://steppe-daily.example/2026/03/library");
        assertThat(library.publishedAt()).isEqualTo(Instant.parse("2026-03-14T02:30:00Z"));
        assertThat(library.categories()).containsExactly("Culture", "Urban Life");
        assertThat(HtmlParagraphs.of(library.html())).containsExactly(
                "The depot on Gogol Street reopened on Saturday as a public library.",
                "Its reading hall keeps the old rails.");
        assertThat(HtmlParagraphs.of(items.get(1).html()))
                .containsExactly("Traders in Almaty expect no change.", "The meeting is on Friday.");
    }

    @Test
    void decodesEscapedHtmlAndNamedEntities() throws Exception {
        List<FeedItem> items = read("rss2-entities.xml", "https://entities.example/rss");

        assertThat(items.getFirst().title()).isEqualTo("Bishkek\u2019s Trolleybuses & Their New Colours");
        assertThat(items.getFirst().link()).hasToString("https://entities.example/trolleybuses?id=1&lang=en");
        assertThat(HtmlParagraphs.of(items.getFirst().html()))
                .containsExactly("The city painted 40 trolleybuses blue.", "Riders \u201clike it\u201d.");
        assertThat(items.getFirst().publishedAt()).isEqualTo(Instant.parse("2026-03-13T22:45:00Z"));
        assertThat(items.get(1).title()).isEqualTo("Caf\u00e9 Owners in Osh Ask for Longer Hours");
        assertThat(HtmlParagraphs.of(items.get(1).html())).containsExactly("Owners met the mayor on Thursday.");
    }

    @Test
    void readsRss091WithItsDoctypeAndNoDates() throws Exception {
        List<FeedItem> items = read("rss091-doctype.xml", "https://old-wire.example/rss.xml");

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("Dushanbe Marks Spring with a Kite Festival");
            assertThat(item.link()).hasToString("https://old-wire.example/kites.html");
            assertThat(item.publishedAt()).isNull();
        });
    }

    @Test
    void refusesAnInternalDoctypeSoEntityExpansionCannotRun() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<rss version=\"2.0\"><channel><title>&b;</title><link>https://x.example/</link>"
                + "<description>d</description></channel></rss>";

        assertThatThrownBy(() -> FeedReader.read(bomb, URI.create("https://x.example/")))
                .isInstanceOf(UnreadableFeedException.class).hasMessageContaining("RSS or Atom");
    }

    @Test
    void resolvesRelativeAtomLinksAgainstXmlBaseAndReadsXhtmlContent() throws Exception {
        List<FeedItem> items = read("atom-relative.xml", "https://atom.example/feeds/all.atom");

        assertThat(items).extracting(FeedItem::link).extracting(URI::toString).containsExactly(
                "https://atom.example/news/metro-yellow-line", "https://atom.example/culture/madrasa");
        assertThat(items.getFirst().title()).isEqualTo("Tashkent Metro Extends Its Yellow Line");
        assertThat(items.getFirst().publishedAt()).isEqualTo(Instant.parse("2026-03-14T04:15:00Z"));
        assertThat(items.getFirst().categories()).containsExactly("transport");
        assertThat(items.get(1).publishedAt()).isEqualTo(Instant.parse("2026-03-14T01:30:00.250Z"));
        assertThat(HtmlParagraphs.of(items.get(1).html()))
                .containsExactly("Craftsmen laid the last tiles.", "The dome is blue again.");
    }

    @Test
    void readsAnyOffsetAndLeavesAnUnreadableDateMissing() throws Exception {
        List<FeedItem> items = read("atom-odd-dates.xml", "https://odd.example/atom");

        assertThat(items).extracting(FeedItem::publishedAt).containsExactly(
                Instant.parse("2026-03-14T09:30:00Z"), Instant.parse("2026-03-14T00:30:00Z"), null);
    }

    @Test
    void leavesMissingAndEmptyRssDatesMissing() throws Exception {
        List<FeedItem> items = read("rss2-missing-dates.xml", "https://nodates.example/rss");

        assertThat(items).hasSize(2).allSatisfy(item -> assertThat(item.publishedAt()).isNull());
    }

    @Test
    void keepsDuplicateListingsForTheCallerAndDropsScriptLinks() throws Exception {
        List<FeedItem> items = read("rss2-duplicates.xml", "https://dupes.example/rss");

        assertThat(items).hasSize(3);
        assertThat(items.get(1).link()).hasToString("https://DUPES.example:443/bridge?utm_source=rss#comments");
        assertThat(items.get(2).link()).isNull();
    }

    @Test
    void readsJsonFeedWithRelativeUrlsTextContentAndTags() throws Exception {
        List<FeedItem> items = read("jsonfeed.json", "https://json.example/feed.json");

        assertThat(items).hasSize(3);
        assertThat(items.getFirst().link()).hasToString("https://json.example/stories/ashgabat-marathon");
        assertThat(items.getFirst().publishedAt()).isEqualTo(Instant.parse("2026-03-14T02:00:00Z"));
        assertThat(items.getFirst().categories()).containsExactly("Sport", "Turkmenistan");
        assertThat(HtmlParagraphs.of(items.get(1).html()))
                .containsExactly("Delegations met on Friday.", "A deal is expected in April.");
        assertThat(items.get(1).publishedAt()).isEqualTo(Instant.parse("2026-03-13T18:00:00Z"));
        assertThat(items.get(2).link()).isNull();
        assertThat(items.get(2).publishedAt()).isNull();
        assertThat(HtmlParagraphs.of(items.get(2).html())).containsExactly("Only a summary & no date.");
    }

    @Test
    void refusesJsonThatIsNoJsonFeed() {
        assertThatThrownBy(() -> FeedReader.read("{\"items\": []}", URI.create("https://x.example/")))
                .isInstanceOf(UnreadableFeedException.class).hasMessageContaining("JSON Feed version");
        assertThatThrownBy(() -> FeedReader.read("Hello", URI.create("https://x.example/")))
                .isInstanceOf(UnreadableFeedException.class).hasMessageContaining("neither XML nor JSON");
    }

    @Test
    void readsAWindows1252FeedWhoseHeaderClaimsUtf8() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>t</title>"
                + "<link>https://cp.example/</link><description>d</description><item>"
                + "<title>Caf\u00e9 \u201cSamal\u201d Reopens</title><link>https://cp.example/cafe</link>"
                + "<description>Na\u00efve art on the walls.</description></item></channel></rss>";
        byte[] body = xml.getBytes(Charset.forName("windows-1252"));

        List<FeedItem> items = FeedReader.read(Charsets.decode(body, "application/rss+xml; charset=utf-8"),
                URI.create("https://cp.example/rss"));

        assertThat(items.getFirst().title()).isEqualTo("Caf\u00e9 \u201cSamal\u201d Reopens");
        assertThat(HtmlParagraphs.of(items.getFirst().html())).containsExactly("Na\u00efve art on the walls.");
    }

    @Test
    void readsALargeFeedWhole() throws Exception {
        List<FeedItem> items = FeedReader.read(Feeds.large(2_000), URI.create("https://large.example/rss"));

        assertThat(items).hasSize(2_000);
        assertThat(items.getLast().link()).hasToString("https://large.example/s/1999");
    }

    @Test
    void treatsEveryUnicodeSpaceAsASpace() {
        assertThat(HtmlParagraphs.of("<p>Tenge\u00a0rose\u202f2\u2009%\u200b today\ufeff</p>"))
                .containsExactly("Tenge rose 2 % today");
    }
}

package io.steppewire.ingest.sources.feed;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a feed's decoded text into items: RSS 0.9x/2.0 and Atom 1.0 through Rome, JSON Feed 1.1 through Jackson.
 * Links are resolved against the address the feed was fetched from; anything but an http(s) link is dropped, since
 * an article's link is followed when full text is asked for.
 */
public final class FeedReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * An external DTD reference only (RSS 0.91's Netscape DTD): removed, since DTDs are never loaded. A DOCTYPE with an
     * internal subset is left, and Rome refuses it, which keeps entity expansion attacks out.
     */
    private static final Pattern EXTERNAL_DOCTYPE = Pattern.compile("<!DOCTYPE[^\\[>]*>", Pattern.CASE_INSENSITIVE);

    private static final Pattern FEED_XML_BASE = Pattern.compile("<feed\\b[^>]*\\sxml:base\\s*=\\s*[\"']([^\"']+)[\"']");

    private FeedReader() {
    }

    public static List<FeedItem> read(String text, URI fetchedFrom) throws UnreadableFeedException {
        String body = text.strip();
        if (body.startsWith("{")) {
            return readJsonFeed(body, fetchedFrom);
        }
        if (!body.startsWith("<")) {
            throw new UnreadableFeedException("The answer is neither XML nor JSON (it starts with '"
                    + body.substring(0, Math.min(20, body.length())) + "')");
        }
        return readXmlFeed(EXTERNAL_DOCTYPE.matcher(body).replaceFirst(""), fetchedFrom);
    }

    private static List<FeedItem> readXmlFeed(String xml, URI base) throws UnreadableFeedException {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput(false, Locale.ROOT);
            feed = input.build(new StringReader(xml));
        } catch (FeedException | IllegalArgumentException e) {
            throw new UnreadableFeedException("Not a readable RSS or Atom feed: " + e.getMessage(), e);
        }
        // Rome leaves entry links relative; the feed element's xml:base (itself relative to the fetch) is their base.
        Matcher xmlBase = FEED_XML_BASE.matcher(xml);
        URI feedBase = xmlBase.find() ? absoluteOr(xmlBase.group(1), base) : base;
        List<FeedItem> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            String title = HtmlParagraphs.plainText(entry.getTitle() == null ? "" : entry.getTitle());
            String html = firstNonBlank(contents(entry), entry.getDescription() == null ? null
                    : entry.getDescription().getValue());
            Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            List<String> categories = new ArrayList<>();
            for (SyndCategory category : entry.getCategories()) {
                addCategory(categories, category.getName());
            }
            items.add(new FeedItem(blankToNull(entry.getUri()), title, link(entry, feedBase),
                    date == null ? null : date.toInstant(), html == null ? "" : html, categories));
        }
        return items;
    }

    private static @Nullable String contents(SyndEntry entry) {
        for (SyndContent content : entry.getContents()) {
            if (content.getValue() != null && !content.getValue().isBlank()) {
                return content.getValue();
            }
        }
        return null;
    }

    private static @Nullable URI link(SyndEntry entry, URI base) {
        URI link = absolute(entry.getLink(), base);
        if (link != null) {
            return link;
        }
        for (SyndLink candidate : entry.getLinks()) {
            if (candidate.getRel() == null || candidate.getRel().equals("alternate")) {
                link = absolute(candidate.getHref(), base);
                if (link != null) {
                    return link;
                }
            }
        }
        // RSS guids are often the permalink.
        return absolute(entry.getUri(), base);
    }

    private static List<FeedItem> readJsonFeed(String json, URI base) throws UnreadableFeedException {
        JsonNode feed;
        try {
            feed = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new UnreadableFeedException("Not readable JSON: " + e.getOriginalMessage(), e);
        }
        String version = feed.path("version").asString("");
        if (!version.startsWith("https://jsonfeed.org/version/")) {
            throw new UnreadableFeedException("JSON without a JSON Feed version (\"version\": "
                    + "\"https://jsonfeed.org/version/1.1\" expected, got '" + version + "')");
        }
        URI feedBase = absoluteOr(feed.path("home_page_url").asString(""), base);
        List<FeedItem> items = new ArrayList<>();
        for (JsonNode item : feed.path("items")) {
            String html = firstNonBlank(text(item, "content_html"), escape(text(item, "content_text")));
            html = firstNonBlank(html, escape(text(item, "summary")));
            List<String> categories = new ArrayList<>();
            for (JsonNode tag : item.path("tags")) {
                addCategory(categories, tag.asString(""));
            }
            URI link = absolute(text(item, "url"), feedBase);
            if (link == null) {
                link = absolute(text(item, "external_url"), feedBase);
            }
            Instant published = instant(text(item, "date_published"));
            if (published == null) {
                published = instant(text(item, "date_modified"));
            }
            items.add(new FeedItem(text(item, "id"), HtmlParagraphs.clean(firstNonBlank(text(item, "title"), "") + ""),
                    link, published, html == null ? "" : html, categories));
        }
        return items;
    }

    /** RFC 3339 with any offset; JSON Feed allows nothing else, so anything else counts as no date. */
    private static @Nullable Instant instant(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() || value.asString().isBlank() ? null : value.asString();
    }

    private static @Nullable String escape(@Nullable String plain) {
        if (plain == null) {
            return null;
        }
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void addCategory(List<String> categories, @Nullable String name) {
        if (name == null) {
            return;
        }
        String cleaned = HtmlParagraphs.clean(name);
        if (!cleaned.isEmpty() && cleaned.length() <= 100 && !categories.contains(cleaned)) {
            categories.add(cleaned);
        }
    }

    private static URI absoluteOr(String value, URI fallback) {
        URI uri = absolute(value, fallback);
        return uri == null ? fallback : uri;
    }

    /** The link resolved against the base, if it is an http(s) URL with a host. */
    static @Nullable URI absolute(@Nullable String value, URI base) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI resolved = base.resolve(value.strip().replace(" ", "%20"));
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && resolved.getHost() != null) {
                return resolved;
            }
            return null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable String firstNonBlank(@Nullable String first, @Nullable String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

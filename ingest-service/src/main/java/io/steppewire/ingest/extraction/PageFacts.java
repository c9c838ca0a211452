package io.steppewire.ingest.extraction;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an article page says about itself, read from the untouched document: title, publication time, byline and
 * language. Each looks first where publishers put it for machines (JSON-LD, meta tags), then where readers see it.
 */
final class PageFacts {

    /** Separators between a headline and the site's name in a {@code <title>}. */
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+(?:[|·•»«:/]|::|[-–—]{1,2})\\s+");
    private static final Pattern BYLINE_PREFIX = Pattern.compile(
            "(?iuU)^(?:(?:by|written by|words by|reporting by|story by)\\s+"
                    + "|(?:text|author|authors|автор|авторы|текст|материал подготовил[а]?)\\s*:\\s*)");
    /** Words allowed in lower case between names: "A and B", "Ludwig van Beethoven". */
    private static final Set<String> NAME_JOINERS = Set.of("and", "&", "и", "van", "von", "de",
            "del", "la", "le", "bin", "ibn", "uly", "kyzy", "uulu", "ogly");
    private static final Pattern URL = Pattern.compile("(?i)^(?:https?:)?//.*");

    private static final String[] PUBLISHED_META = {
            "meta[property=article:published_time]", "meta[name=article:published_time]",
            "meta[property=og:article:published_time]", "meta[itemprop=datePublished]",
            "meta[name=pubdate]", "meta[name=publishdate]", "meta[name=publish-date]", "meta[name=publish_date]",
            "meta[name=date]", "meta[name=dc.date]", "meta[name=dc.date.issued]", "meta[name=dcterms.created]",
            "meta[name=DC.date.issued]", "meta[name=sailthru.date]", "meta[name=parsely-pub-date]",
            "meta[property=published_time]", "meta[name=datePublished]"};
    private static final String[] PUBLISHED_ELEMENTS = {
            "[itemprop=datePublished]", "time[pubdate]", "time.published", "time.publish", "time.posted",
            ".published time", ".publish-date time", ".date-published", ".published", ".pubdate", ".post-date",
            ".entry-date", ".article-date", ".publication-date", ".date-publication"};

    private static final Set<String> DATE_WORDS = Set.of("date", "time", "published", "posted",
            "pubdate", "timestamp", "dateline", "datetime");
    private static final int NEARBY_LINES = 300;
    private static final int BYLINE_CANDIDATES = 2_000;
    private static final Evaluator H1 = QueryParser.parse("h1");
    private static final Evaluator BYLINE_HOLDERS = QueryParser.parse("p, div, span, em, i, strong, b, address");
    private static final Pattern DATE_LABEL = Pattern.compile(
            "(?iuU)^(?:published|posted|first published|date|опубликовано|дата публикации|дата)\\s*:?\\s*(?:on\\s+)?");
    private static final Evaluator ARTICLE = QueryParser.parse("article");
    private static final Evaluator AUTHOR = QueryParser.parse("[rel=author], [itemprop=author]");
    private static final Set<String> FURNITURE_BOX_WORDS = Set.of("related", "comment", "comments", "sidebar",
            "recommended", "trending", "popular", "promo", "newsletter");
    private static final Set<String> FURNITURE_BOX_PHRASES = Set.of("mostread", "morestories");
    private static final Set<String> AUTHOR_BOX_WORDS = Set.of("bio", "box", "avatar");
    private static final Pattern UPDATE_LABEL = Pattern.compile("(?:^|\\s)(?:updated|last updated|обновлено)\\s*:?\\s*$");

    /** Elements inside asides, navigation, related boxes and the like: their times and names are not the article's. */
    private final Set<Element> outside = Collections.newSetFromMap(new IdentityHashMap<>());

    private PageFacts(Document document) {
        for (Element element : document.getAllElements()) {
            Element parent = element.parent();
            if (parent != null && outside.contains(parent) || isFurnitureBox(element)) {
                outside.add(element);
            }
        }
    }

    record Facts(String title, @Nullable Instant publishedAt, @Nullable String byline, @Nullable String lang) {
    }

    static Facts read(Document document) {
        return new PageFacts(document).facts(document);
    }

    private Facts facts(Document document) {
        List<String> blocks = new ArrayList<>();
        for (Element script : document.select("script[type=application/ld+json]")) {
            blocks.add(script.data());
        }
        JsonLd.Facts ld = JsonLd.facts(blocks);
        String siteName = first(meta(document, "meta[property=og:site_name]"), ld.publisher(),
                meta(document, "meta[name=application-name]"));
        return new Facts(title(document, ld, siteName), published(document, ld), byline(document, ld),
                lang(document, ld));
    }

    // ---- title ----

    private static String title(Document document, JsonLd.Facts ld, @Nullable String siteName) {
        String og = clean(meta(document, "meta[property=og:title]"));
        String twitter = clean(meta(document, "meta[name=twitter:title]"));
        String headline = clean(ld.headline());
        String docTitle = clean(document.title());
        List<String> h1s = headlineElements(document, siteName);
        for (String h1 : h1s) {
            if (sameHeadline(h1, og) || sameHeadline(h1, headline) || sameHeadline(h1, twitter)
                    || (docTitle != null && Texts.comparable(docTitle).contains(Texts.comparable(h1)))) {
                return h1;
            }
        }
        if (headline != null) {
            return withoutSiteName(headline, siteName);
        }
        if (og != null) {
            return withoutSiteName(og, siteName);
        }
        if (!h1s.isEmpty()) {
            return h1s.getFirst();
        }
        if (twitter != null) {
            return withoutSiteName(twitter, siteName);
        }
        return docTitle == null ? "" : withoutSiteName(docTitle, siteName);
    }

    /** The page's h1 texts that can be headlines: not the logo, not the site's name; those in the article first. */
    private static List<String> headlineElements(Document document, @Nullable String siteName) {
        List<String> inArticle = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (Element h1 : document.select("h1, [itemprop=headline]")) {
            String text = clean(h1.text());
            if (text == null || text.length() < 3 || isLogo(h1) || (siteName != null && sameHeadline(text, siteName))) {
                continue;
            }
            boolean article = h1.closest("article, main, [itemprop=articleBody], [role=main]") != null;
            (article ? inArticle : elsewhere).add(text);
        }
        inArticle.addAll(elsewhere);
        return inArticle;
    }

    private static boolean isLogo(Element h1) {
        String names = (h1.className() + " " + h1.id()).toLowerCase(Locale.ROOT);
        return names.contains("logo") || names.contains("brand") || names.contains("site-title")
                || names.contains("site-name") || h1.closest("nav, [role=banner], .site-header, .masthead") != null;
    }

    private static boolean sameHeadline(String a, @Nullable String b) {
        return b != null && !Texts.comparable(a).isEmpty() && Texts.comparable(a).equals(Texts.comparable(b));
    }

    /**
     * Takes the site's name off a headline: the name the page gives, or else a short part standing before or after a
     * separator. A dash is a separator only when the part it cuts off is short, since headlines use dashes too.
     */
    static String withoutSiteName(String title, @Nullable String siteName) {
        if (siteName != null) {
            String site = Texts.comparable(siteName);
            var parts = TITLE_SEPARATOR.split(title);
            if (parts.length > 1) {
                if (Texts.comparable(parts[parts.length - 1]).equals(site)) {
                    return title.substring(0, lastSeparatorStart(title)).strip();
                }
                if (Texts.comparable(parts[0]).equals(site)) {
                    return title.substring(firstSeparatorEnd(title)).strip();
                }
            }
            return title;
        }
        var matcher = TITLE_SEPARATOR.matcher(title);
        int lastStart = -1;
        int lastEnd = -1;
        String lastSeparator = "";
        while (matcher.find()) {
            lastStart = matcher.start();
            lastEnd = matcher.end();
            lastSeparator = matcher.group().strip();
        }
        if (lastStart < 0) {
            return title;
        }
        String before = title.substring(0, lastStart).strip();
        String after = title.substring(lastEnd).strip();
        boolean strongSeparator = lastSeparator.equals("|") || lastSeparator.equals("·") || lastSeparator.equals("•")
                || lastSeparator.equals("::") || lastSeparator.equals("«") || lastSeparator.equals("»");
        if (Texts.wordCount(after) <= 4 && Texts.wordCount(before) >= (strongSeparator ? 2 : 4)) {
            return before;
        }
        int firstStart = firstSeparatorStart(title);
        String lead = title.substring(0, firstStart).strip();
        String rest = title.substring(firstSeparatorEnd(title)).strip();
        if (strongSeparator && Texts.wordCount(lead) <= 4 && Texts.wordCount(rest) >= 2) {
            return rest;
        }
        return title;
    }

    private static int lastSeparatorStart(String title) {
        var matcher = TITLE_SEPARATOR.matcher(title);
        int start = title.length();
        while (matcher.find()) {
            start = matcher.start();
        }
        return start;
    }

    private static int firstSeparatorStart(String title) {
        var matcher = TITLE_SEPARATOR.matcher(title);
        return matcher.find() ? matcher.start() : title.length();
    }

    private static int firstSeparatorEnd(String title) {
        var matcher = TITLE_SEPARATOR.matcher(title);
        return matcher.find() ? matcher.end() : 0;
    }

    // ---- publication time ----

    private @Nullable Instant published(Document document, JsonLd.Facts ld) {
        Instant fromLd = PublishedTimes.parse(ld.datePublished());
        if (fromLd != null) {
            return fromLd;
        }
        for (String selector : PUBLISHED_META) {
            Instant time = PublishedTimes.parse(meta(document, selector));
            if (time != null) {
                return time;
            }
        }
        for (String selector : PUBLISHED_ELEMENTS) {
            for (Element element : document.select(selector)) {
                if (isOutsideArticle(element) || isUpdateMark(element)) {
                    continue;
                }
                Instant time = timeOf(element);
                if (time != null) {
                    return time;
                }
            }
        }
        for (Element time : document.select("time")) {
            if (isOutsideArticle(time) || isUpdateMark(time)) {
                continue;
            }
            Instant instant = timeOf(time);
            if (instant != null) {
                return instant;
            }
        }
        for (Element element : document.body().getAllElements()) {
            if (Clutter.matches(element, DATE_WORDS, Set.of()) && !isOutsideArticle(element)
                    && element.text().length() <= 80 && !isUpdateMark(element)) {
                Instant time = timeOf(element);
                if (time != null) {
                    return time;
                }
            }
        }
        return dateLineNearHeadline(document);
    }

    /**
     * The last resort: a short line after the headline that is only a date, or has one between separators
     * ("Posted: 03/02/2026 09:15 GMT+5 | Category: Economy"). Lines before the headline are tried after those below it.
     */
    private @Nullable Instant dateLineNearHeadline(Document document) {
        for (String line : shortLines(document)) {
            for (String part : Texts.parts(line)) {
                Instant time = PublishedTimes.parse(withoutDateLabel(part));
                if (time != null) {
                    return time;
                }
            }
        }
        return null;
    }

    /**
     * Short texts of the page in reading order, from the headline on, then those above it; furniture left out. Dates
     * stand near the headline, so a few hundred lines either side are enough however long the page is.
     */
    private List<String> shortLines(Document document) {
        List<String> after = new ArrayList<>();
        List<String> before = new ArrayList<>();
        Element headline = document.selectFirst(H1);
        boolean seen = headline == null;
        for (Element element : document.body().getAllElements()) {
            if (element == headline) {
                seen = true;
            }
            if (element.childrenSize() > 3 || isOutsideArticle(element)) {
                continue;
            }
            for (TextNode node : element.textNodes()) {
                String text = Texts.clean(node.text());
                List<String> lines = seen ? after : before;
                if (text.length() >= 6 && text.length() <= 100 && lines.size() < NEARBY_LINES) {
                    lines.add(text);
                }
            }
            if (after.size() >= NEARBY_LINES) {
                break;
            }
        }
        after.addAll(before);
        return after;
    }

    /** A line elsewhere on the page that only names the author: "By Merdan Ataev" under the body, or in a meta line. */
    private @Nullable String standaloneByline(Document document) {
        int looked = 0;
        for (Element element : document.body().select(BYLINE_HOLDERS)) {
            // Only elements holding a line of text themselves: a wrapper's text would be read again for each level.
            if (holdsBlocks(element) || isOutsideArticle(element)) {
                continue;
            }
            if (++looked > BYLINE_CANDIDATES) {
                return null;
            }
            String whole = Texts.clean(element.text());
            if (whole.length() > 120) {
                continue;
            }
            for (String part : Texts.parts(whole)) {
                String names = prefixedByline(part);
                if (names != null) {
                    return names;
                }
            }
        }
        return null;
    }

    private static boolean holdsBlocks(Element element) {
        for (Element child : element.children()) {
            switch (child.tagName()) {
                case "div", "p", "section", "article", "ul", "ol", "table", "blockquote", "header", "footer", "main" -> {
                    return true;
                }
                default -> {
                    // Inline children keep the element a line of text.
                }
            }
        }
        return false;
    }

    /** The names of a line that opens with "By" or "Автор:" and then names people only; null for any other line. */
    static @Nullable String prefixedByline(String line) {
        String text = Texts.clean(line);
        if (!BYLINE_PREFIX.matcher(text).lookingAt()) {
            return null;
        }
        String names = bylineText(text);
        return names != null && looksLikeNames(names) ? names : null;
    }

    private static @Nullable Instant timeOf(Element element) {
        for (String attribute : new String[]{"datetime", "content", "data-timestamp", "data-published", "title"}) {
            Instant time = PublishedTimes.parse(element.attr(attribute));
            if (time != null) {
                return time;
            }
        }
        Element time = element.selectFirst("time[datetime]");
        if (time != null && time != element) {
            Instant instant = PublishedTimes.parse(time.attr("datetime"));
            if (instant != null) {
                return instant;
            }
        }
        return PublishedTimes.parse(withoutDateLabel(element.text()));
    }

    static String withoutDateLabel(String text) {
        return DATE_LABEL.matcher(Texts.clean(text)).replaceFirst("");
    }

    /** Times in related links, comments, sidebars and footers date other things. */
    private boolean isOutsideArticle(Element element) {
        return outside.contains(element);
    }

    private static boolean isFurnitureBox(Element e) {
        String tag = e.tagName();
        if (tag.equals("aside") || tag.equals("nav") || tag.equals("footer") && e.closest(ARTICLE) == null) {
            return true;
        }
        return Clutter.matches(e, FURNITURE_BOX_WORDS, FURNITURE_BOX_PHRASES);
    }

    /** A time that says when the article was changed, not published: by its class, or by the label just before it. */
    private static boolean isUpdateMark(Element element) {
        int level = 0;
        for (Element e = element; e != null && !e.tagName().equals("body") && level < 3; e = e.parent(), level++) {
            String names = (e.className() + " " + e.id() + " " + e.attr("itemprop")).toLowerCase(Locale.ROOT);
            if (names.contains("updated") || names.contains("modified")) {
                return true;
            }
            String own = Texts.clean(e.ownText()).toLowerCase(Locale.ROOT);
            if (UPDATE_LABEL.matcher(own).find() && !own.contains("publish")) {
                return true;
            }
            Node previous = e.previousSibling();
            if (previous instanceof TextNode text
                    && UPDATE_LABEL.matcher(Texts.clean(text.text()).toLowerCase(Locale.ROOT)).find()) {
                return true;
            }
        }
        return false;
    }

    // ---- byline ----

    private @Nullable String byline(Document document, JsonLd.Facts ld) {
        String fromLd = bylineText(ld.byline());
        if (fromLd != null) {
            return fromLd;
        }
        for (String selector : new String[]{"meta[name=author]", "meta[name=byl]", "meta[name=parsely-author]",
                "meta[name=sailthru.author]", "meta[property=article:author]"}) {
            String fromMeta = bylineText(meta(document, selector));
            if (fromMeta != null) {
                return fromMeta;
            }
        }
        List<String> names = new ArrayList<>();
        for (Element author : document.select("[rel=author], [itemprop=author]")) {
            if (isOutsideArticle(author) || author.parents().stream().anyMatch(p -> p.is(AUTHOR))) {
                continue;
            }
            Element name = author.selectFirst("[itemprop=name]");
            String text = bylineText(name != null ? name.attr("content").isEmpty() ? name.text() : name.attr("content")
                    : author.text());
            if (text != null && !names.contains(text)) {
                names.add(text);
            }
        }
        if (!names.isEmpty()) {
            return names.size() == 1 ? names.getFirst()
                    : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
        }
        for (Element element : document.select(".byline, .by-line, .author, .author-name, .article-author, "
                + ".story-byline, .entry-author, [class*=byline], [class*=author-name], .avtor, .author__name")) {
            if (isOutsideArticle(element) || Clutter.matches(element, AUTHOR_BOX_WORDS, Set.of())) {
                continue;
            }
            Element copy = element.clone();
            copy.select("time, .date, .timestamp, img, svg, script").remove();
            String text = bylineText(copy.text());
            if (text != null) {
                return text;
            }
        }
        return standaloneByline(document);
    }

    /** A byline's names: without "By" or "Автор:", without a date or role after a separator, or null when not a name. */
    static @Nullable String bylineText(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String text = Texts.clean(raw);
        if (text.isEmpty() || URL.matcher(text).matches()) {
            return null;
        }
        text = BYLINE_PREFIX.matcher(text).replaceFirst("");
        for (String separator : new String[]{" | ", " · ", " • ", " — ", " – ", "\u00a0|"}) {
            int cut = text.indexOf(separator);
            if (cut > 0) {
                text = text.substring(0, cut);
            }
        }
        text = text.strip();
        while (!text.isEmpty() && ",|·•–—-".indexOf(text.charAt(text.length() - 1)) >= 0) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty() || text.length() > 100 || Texts.wordCount(text) > 12 || !Character.isLetter(text.charAt(0))) {
            return null;
        }
        return text;
    }

    /** Whether a text reads as a list of personal names: capitalised words, joined by "and" or commas. */
    static boolean looksLikeNames(String text) {
        int words = 0;
        for (String word : text.split("[\\s,]+")) {
            if (word.isEmpty()) {
                continue;
            }
            words++;
            if (!Character.isUpperCase(word.charAt(0)) && !NAME_JOINERS.contains(word.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return words > 0 && words <= 8;
    }

    // ---- language ----

    private static @Nullable String lang(Document document, JsonLd.Facts ld) {
        Element html = document.selectFirst("html");
        List<String> declared = new ArrayList<>();
        for (String value : Arrays.asList(html == null ? null : html.attr("lang"),
                html == null ? null : html.attr("xml:lang"), meta(document, "meta[http-equiv=content-language]"),
                ld.language(), meta(document, "meta[property=og:locale]"))) {
            String tag = languageTag(value);
            if (tag != null) {
                declared.add(tag);
            }
        }
        if (declared.isEmpty()) {
            return null;
        }
        // The first declaration counts; a later one of the same language that also names the region refines it.
        String chosen = declared.getFirst();
        String language = Locale.forLanguageTag(chosen).getLanguage();
        for (String other : declared) {
            Locale locale = Locale.forLanguageTag(other);
            if (locale.getLanguage().equals(language) && !locale.getCountry().isEmpty()
                    && Locale.forLanguageTag(chosen).getCountry().isEmpty()) {
                chosen = other;
            }
        }
        return chosen;
    }

    private static @Nullable String languageTag(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String tag = value.strip().replace('_', '-');
        int comma = tag.indexOf(',');
        if (comma > 0) {
            tag = tag.substring(0, comma).strip();
        }
        String normalised = Locale.forLanguageTag(tag).toLanguageTag();
        return normalised.equals("und") ? null : normalised;
    }

    // ---- helpers ----

    static @Nullable String meta(Document document, String selector) {
        Element element = document.selectFirst(selector);
        return element == null ? null : nonBlank(element.attr("content"));
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static @Nullable String clean(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String text = Texts.clean(value);
        return text.isEmpty() ? null : text;
    }

    @SafeVarargs
    private static <T> @Nullable T first(@Nullable T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}

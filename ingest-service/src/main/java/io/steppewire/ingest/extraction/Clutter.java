package io.steppewire.ingest.extraction;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes what is never article text before anything is scored: scripts and media, navigation, asides, footers,
 * captions, hidden elements, and elements whose class or id names them as ads, share buttons, related links,
 * newsletter boxes, cookie banners, comments, bylines or page furniture. Class and id values are read as words
 * ({@code article-share__bar} is {@code article}, {@code share}, {@code bar}), so {@code shadow} never reads as
 * {@code ad}.
 */
final class Clutter {

    private static final String NEVER_TEXT = "script, style, noscript, template, iframe, svg, canvas, object, embed, "
            + "video, audio, picture, source, img, button, input, select, textarea, label, nav, aside, footer, "
            + "figcaption, menu, dialog, link, meta, amp-ad, amp-embed, amp-analytics, amp-sticky-ad, "
            + "amp-social-share, amp-sidebar, amp-iframe, amp-consent, amp-user-notification, amp-list";

    private static final Set<String> UNWANTED_WORDS = Set.of(
            "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "dfp", "banner",
            "sponsor", "sponsored", "promo", "promoted", "promotion", "newsletter", "newsletters", "subscribe",
            "subscription", "signup", "cookie", "cookies", "consent", "gdpr", "share", "sharing", "sharebar", "social",
            "comment", "comments", "disqus", "related", "recommended", "recommendations", "outbrain", "taboola",
            "trending", "popular", "caption", "credit", "credits", "byline", "author", "authors", "meta", "breadcrumb",
            "breadcrumbs", "tags", "tag", "pagination", "pager", "nav", "navbar", "navigation", "menu", "sidebar",
            "footer", "masthead", "header", "toolbar", "tools", "widget", "modal", "popup", "overlay", "paywall",
            "invisible", "sronly", "print", "donate", "donation", "ticker", "skip", "rating",
            "reactions", "follow", "tweet", "twitter", "instagram", "tiktok", "login", "search", "bio", "timestamp", "dateline", "published",
            "updated", "date", "time", "kicker", "eyebrow", "label", "standfirst", "dek", "subtitle", "excerpt");

    /** Words of two parts that only mean furniture together: {@code read-more}, {@code most-read}. */
    private static final Set<String> UNWANTED_PHRASES = Set.of("readmore", "readalso", "alsoread", "seealso",
            "mostread", "mostpopular", "morestories", "morenews", "moreon", "relatedstories", "relatedarticles",
            "authorbio", "authorbox", "tagcloud", "sronly", "visuallyhidden", "screenreader",
            "leadin", "adcontainer", "infobox", "topstories", "latestnews", "editorspicks", "inlinerelated");

    /** Words that mark the article container itself: an element named both ways is kept. */
    private static final Set<String> CONTENT_WORDS = Set.of("articlebody", "body", "content", "text", "entry",
            "main", "prose", "storybody", "richtext");

    private static final Evaluator ARTICLE_CONTAINERS = QueryParser.parse("article, main, [itemprop=articleBody]");
    private static final Evaluator PARAGRAPHS = QueryParser.parse("p");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[-_\\s:.]+");

    private static final Pattern HIDDEN_STYLE = Pattern.compile(
            "(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");

    private static final Set<String> FURNITURE_ROLES = Set.of("navigation", "banner", "complementary",
            "contentinfo", "dialog", "alertdialog", "search", "menu", "menubar", "toolbar");

    /**
     * On a front page, teaser summaries, story dates and photo credits are the text the flattener wants, and
     * "top stories" or "latest news" are the stories themselves.
     */
    private static final Set<String> FRONT_PAGE_TEXT_WORDS = Set.of("caption", "credit", "credits", "timestamp",
            "dateline", "published", "updated", "date", "time", "standfirst", "dek", "subtitle", "excerpt", "meta");
    private static final Set<String> FRONT_PAGE_WORDS = without(UNWANTED_WORDS, FRONT_PAGE_TEXT_WORDS);
    private static final Set<String> FRONT_PAGE_PHRASES = without(UNWANTED_PHRASES,
            Set.of("topstories", "latestnews", "editorspicks", "morenews", "morestories"));

    private Clutter() {
    }

    private static Set<String> without(Set<String> all, Set<String> left) {
        Set<String> rest = new HashSet<>(all);
        rest.removeAll(left);
        return Set.copyOf(rest);
    }

    /** Takes clutter out of an article page in place. */
    static void remove(Document document) {
        remove(document, NEVER_TEXT, UNWANTED_WORDS, UNWANTED_PHRASES);
    }

    /** Takes clutter out of a front page in place, keeping captions (for their credits) and story dates. */
    static void removeFromFrontPage(Document document) {
        remove(document, NEVER_TEXT.replace("figcaption, ", ""), FRONT_PAGE_WORDS, FRONT_PAGE_PHRASES);
    }

    private static void remove(Document document, String neverText, Set<String> unwantedWords,
                               Set<String> unwantedPhrases) {
        document.select(neverText).remove();
        Set<Element> holdingArticle = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Element article : document.body().select(ARTICLE_CONTAINERS)) {
            for (Element e = article; e != null && holdingArticle.add(e); e = e.parent()) {
                // Marks the article container and every element around it, once each.
            }
        }
        List<Element> doomed = new ArrayList<>();
        for (Element element : document.body().getAllElements()) {
            // The article container and anything holding it stay, whatever their class says.
            if (element == document.body() || holdingArticle.contains(element)) {
                continue;
            }
            if (isHidden(element) || FURNITURE_ROLES.contains(element.attr("role").toLowerCase(Locale.ROOT))
                    || element.tagName().equals("header") && !holdsArticleText(element)
                    || (matches(element, unwantedWords, unwantedPhrases)
                        && !(namedContent(element) && holdsParagraphs(element, 2)))) {
                doomed.add(element);
            }
        }
        for (Element element : doomed) {
            if (element.parent() != null) {
                element.remove();
            }
        }
    }

    private static boolean holdsArticleText(Element header) {
        return holdsParagraphs(header, 3);
    }

    /** At least {@code count} paragraphs of sentence length: article text rather than furniture. */
    private static boolean holdsParagraphs(Element element, int count) {
        int found = 0;
        for (Element p : element.select(PARAGRAPHS)) {
            if (p.text().length() >= 80 && ++found >= count) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHidden(Element element) {
        return element.hasAttr("hidden") || element.attr("aria-hidden").equalsIgnoreCase("true")
                || HIDDEN_STYLE.matcher(element.attr("style")).find();
    }

    static boolean namedContent(Element element) {
        return matches(element, CONTENT_WORDS, CONTENT_WORDS);
    }

    /** Whether a word of the element's class or id, or two or more of them run together, is in the set. */
    static boolean matches(Element element, Set<String> words, Set<String> phrases) {
        String className = element.className();
        String id = element.id();
        if (className.isEmpty() && id.isEmpty()) {
            return false;
        }
        for (String token : WHITESPACE.split(className + " " + id)) {
            if (token.isEmpty()) {
                continue;
            }
            String[] parts = splitWords(token);
            StringBuilder joined = new StringBuilder();
            for (String part : parts) {
                if (words.contains(part)) {
                    return true;
                }
                joined.append(part);
            }
            if (parts.length > 1) {
                String all = joined.toString();
                for (String phrase : phrases) {
                    if (all.contains(phrase)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code article__share-bar} and {@code articleShareBar} both become article, share, bar. */
    static String[] splitWords(String token) {
        String spaced = CAMEL_HUMP.matcher(token).replaceAll("$1 $2").toLowerCase(Locale.ROOT);
        return WORD_SEPARATORS.split(spaced);
    }
}

package io.steppewire.ingest.extraction;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the element holding the article body, as Mozilla's Readability does: every paragraph of sentence length
 * scores (one point, one per comma, one per 100 characters up to three) for its parent in full, its grandparent
 * in half and further ancestors less; each ancestor starts from what its tag and class say; link-heavy ancestors
 * lose in proportion. The best ancestor wins, with those of its siblings that look like article text too.
 */
final class ContentFinder {

    private static final Set<String> SCORED = Set.of("p", "pre", "td", "blockquote");
    private static final Set<String> BLOCK_CHILDREN = Set.of("p", "div", "section", "article", "table", "ul", "ol",
            "dl", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "header", "footer", "main");
    private static final Set<String> POSITIVE = Set.of("article", "articlebody", "body", "content", "entry", "hentry",
            "main", "page", "post", "text", "blog", "story", "prose", "richtext", "storybody", "live", "liveblog");
    private static final Set<String> NEGATIVE = Set.of("comment", "comments", "meta", "footer", "footnote", "sidebar",
            "sponsor", "promo", "related", "share", "social", "widget", "tags", "masthead", "media", "teaser",
            "card", "list", "menu", "nav", "ad", "ads");
    private static final int MIN_PARAGRAPH_CHARS = 25;
    private static final Evaluator LINKS = QueryParser.parse("a");
    private static final Evaluator SCORED_TAGS = QueryParser.parse("p, pre, td, blockquote");
    private static final Evaluator BOXES = QueryParser.parse("div, section, td, ul, ol, dl, table, form, center, nav");
    private static final int ANCESTOR_LEVELS = 5;

    private final Map<Element, Double> scores = new IdentityHashMap<>();

    private ContentFinder() {
    }

    /**
     * The elements that make up the article body, in page order; the body itself when nothing scores.
     *
     * @param headline the element holding the article's headline, if the page still has it
     */
    static List<Element> find(Element body, @Nullable Element headline) {
        List<Element> content = new ContentFinder().run(body, headline);
        for (Element root : content) {
            removeLinkLists(root);
        }
        return content;
    }

    private List<Element> run(Element body, @Nullable Element headline) {
        for (Element element : body.getAllElements()) {
            if (isScoredParagraph(element)) {
                score(element);
            }
        }
        Element top = null;
        double topScore = 0;
        for (Map.Entry<Element, Double> entry : scores.entrySet()) {
            double finalScore = entry.getValue() * (1 - linkDensity(entry.getKey()));
            entry.setValue(finalScore);
            if (finalScore > topScore) {
                top = entry.getKey();
                topScore = finalScore;
            }
        }
        if (top == null) {
            return List.of(body);
        }
        // Holding the headline and the text under it, the candidate is the whole article: its siblings are other columns.
        if (headline != null && isAncestor(top, headline)) {
            return List.of(narrowToHeadline(top, headline));
        }
        return withSiblings(sharedAncestorOfRivals(top, topScore));
    }

    private static boolean isScoredParagraph(Element element) {
        String tag = element.tagName();
        if (SCORED.contains(tag)) {
            return true;
        }
        // A div or section holding its text directly (old CMS pages with <br> between paragraphs) is a paragraph too.
        if ((tag.equals("div") || tag.equals("section") || tag.equals("span") || tag.equals("font"))
                && ownTextLength(element) >= MIN_PARAGRAPH_CHARS) {
            for (Element child : element.children()) {
                if (BLOCK_CHILDREN.contains(child.tagName())) {
                    return ownTextLength(element) >= 200;
                }
            }
            return true;
        }
        return false;
    }

    private static int ownTextLength(Element element) {
        int length = 0;
        for (Node node : element.childNodes()) {
            if (node instanceof TextNode text) {
                length += text.text().strip().length();
            } else if (node instanceof Element e && !BLOCK_CHILDREN.contains(e.tagName())
                    && !e.tagName().equals("br")) {
                length += e.text().length();
            }
        }
        return length;
    }

    private void score(Element paragraph) {
        String text = Texts.clean(paragraph.text());
        if (text.length() < MIN_PARAGRAPH_CHARS) {
            return;
        }
        double points = 1 + commas(text) + Math.min(text.length() / 100, 3);
        // A direct-text div is its own container: its text counts for itself first.
        boolean ownContainer = !SCORED.contains(paragraph.tagName());
        Element ancestor = ownContainer ? paragraph : paragraph.parent();
        for (int level = 0; ancestor != null && level < ANCESTOR_LEVELS; level++) {
            if (ancestor.tagName().equals("html")) {
                break;
            }
            double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
            scores.merge(ancestor, initial(ancestor) + points / divider, (old, add) -> old + points / divider);
            ancestor = ancestor.parent();
        }
    }

    private static int commas(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '，' || c == '،') {
                count++;
            }
        }
        return count;
    }

    private static double initial(Element element) {
        double score = switch (element.tagName()) {
            case "div", "article", "main" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        if (element.tagName().equals("article") || element.tagName().equals("main")) {
            score += 10;
        }
        if (element.attr("itemprop").equalsIgnoreCase("articleBody")) {
            score += 50;
        }
        if (Clutter.matches(element, POSITIVE, Set.of())) {
            score += 25;
        }
        if (Clutter.matches(element, NEGATIVE, Set.of())) {
            score -= 25;
        }
        return score;
    }

    static double linkDensity(Element element) {
        int total = element.text().length();
        if (total == 0) {
            return 0;
        }
        int links = 0;
        for (Element a : element.select(LINKS)) {
            String href = a.attr("href");
            links += (int) ((href.startsWith("#") ? 0.3 : 1) * a.text().length());
        }
        return Math.min(1.0, (double) links / total);
    }

    /**
     * A wrapper of the whole page (a {@code div.content} around every column) can outscore the article through its
     * name. The article is then the closest candidate around the headline that still holds most of the wrapper's
     * paragraph text; other columns hold the rest.
     */
    private Element narrowToHeadline(Element top, Element headline) {
        int total = paragraphChars(top);
        for (Element ancestor = headline.parent(); ancestor != null && ancestor != top; ancestor = ancestor.parent()) {
            if (scores.containsKey(ancestor) && paragraphChars(ancestor) * 2 >= total) {
                return ancestor;
            }
        }
        return top;
    }

    private static int paragraphChars(Element element) {
        int chars = 0;
        for (Element paragraph : element.select(SCORED_TAGS)) {
            int length = paragraph.text().length();
            if (length >= MIN_PARAGRAPH_CHARS) {
                chars += length;
            }
        }
        return chars;
    }

    /**
     * Takes out boxes inside the content that are mostly links and hold no sentences: menus of old table layouts,
     * link lists between paragraphs. Readability's conditional cleaning, reduced to the rule that matters most.
     */
    private static void removeLinkLists(Element root) {
        List<Element> doomed = new ArrayList<>();
        for (Element element : root.select(BOXES)) {
            if (element == root || isAncestor(element, root)) {
                continue;
            }
            String text = element.text();
            if (!text.isEmpty() && commas(text) < 10 && linkDensity(element) > 0.4) {
                doomed.add(element);
            }
        }
        for (Element element : doomed) {
            if (element.parent() != null) {
                element.remove();
            }
        }
    }

    /**
     * When several near-best candidates sit under one ancestor (a body split by inline boxes, a live blog of many
     * entries), that ancestor holds the article.
     */
    private Element sharedAncestorOfRivals(Element top, double topScore) {
        List<Element> rivals = new ArrayList<>();
        for (Map.Entry<Element, Double> entry : scores.entrySet()) {
            if (entry.getKey() != top && entry.getValue() >= topScore * 0.75 && !isAncestor(entry.getKey(), top)
                    && !isAncestor(top, entry.getKey())) {
                rivals.add(entry.getKey());
            }
        }
        if (rivals.size() < 2) {
            return top;
        }
        Element candidate = top.parent();
        while (candidate != null && !candidate.tagName().equals("body")) {
            int inside = 0;
            for (Element rival : rivals) {
                if (isAncestor(candidate, rival)) {
                    inside++;
                }
            }
            if (inside >= 2) {
                return candidate;
            }
            candidate = candidate.parent();
        }
        return top;
    }

    private static boolean isAncestor(Element ancestor, Element element) {
        for (Element p = element.parent(); p != null; p = p.parent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    private List<Element> withSiblings(Element top) {
        Element parent = top.parent();
        if (parent == null) {
            return List.of(top);
        }
        double topScore = scores.getOrDefault(top, 0.0);
        double threshold = Math.max(10, topScore * 0.2);
        List<Element> chosen = new ArrayList<>();
        for (Element sibling : parent.children()) {
            if (sibling == top) {
                chosen.add(sibling);
                continue;
            }
            Double score = scores.get(sibling);
            if (score != null && score >= threshold) {
                chosen.add(sibling);
            } else if (sibling.tagName().equals("p")) {
                String text = Texts.clean(sibling.text());
                double density = linkDensity(sibling);
                if ((text.length() > 80 && density < 0.25)
                        || (text.length() > 0 && density == 0 && (text.endsWith(".") || text.endsWith("»")))) {
                    chosen.add(sibling);
                }
            }
        }
        return chosen;
    }
}

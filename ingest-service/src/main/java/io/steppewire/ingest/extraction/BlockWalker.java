package io.steppewire.ingest.extraction;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns an element tree into blocks in reading order, the way a browser lays text out: every block element ends a
 * block, two line breaks in a row end a paragraph (old CMS pages separate paragraphs only so), a single line break
 * stays a newline inside the block ({@link Block#lines()}). Data tables become one block per row, cells joined with {@code |}.
 */
final class BlockWalker {

    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "li", "ul", "ol",
            "dl", "dt", "dd", "blockquote", "pre", "figure", "header", "footer", "address", "hr", "center", "table",
            "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "form", "fieldset", "details", "summary",
            "h1", "h2", "h3", "h4", "h5", "h6", "body", "aside", "nav", "hgroup", "amp-story", "figcaption");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

    private final List<Block> blocks = new ArrayList<>();
    private final StringBuilder buffer = new StringBuilder();
    private int linkChars;
    private int linkDepth;
    private Element current;
    private int pendingBreaks;

    /** On front pages headlines may be marked by class only, and story times are blocks of their own. */
    private final boolean frontPage;

    private static final Set<String> DATE_WORDS = Set.of("date", "time", "published", "posted", "timestamp", "dateline");
    private static final Evaluator HEADING_OR_TEXT_BLOCKS = QueryParser.parse("h1, h2, h3, h4, h5, h6, p, li");
    private static final Evaluator HEADING_TAGS = QueryParser.parse("h1, h2, h3, h4, h5, h6");
    private static final Set<String> HEADLINE_WORDS = Set.of("headline", "title", "heading", "hed");

    private BlockWalker(Element root, boolean frontPage) {
        this.current = root;
        this.frontPage = frontPage;
    }

    static List<Block> frontPageBlocks(Element root) {
        BlockWalker walker = new BlockWalker(root, true);
        walker.walk(root);
        walker.flush(root, Block.Kind.PARAGRAPH);
        return walker.blocks;
    }

    static List<Block> blocks(Element root) {
        BlockWalker walker = new BlockWalker(root, false);
        walker.walk(root);
        walker.flush(root, Block.Kind.PARAGRAPH);
        return walker.blocks;
    }

    static List<Block> blocks(List<Element> roots) {
        List<Block> all = new ArrayList<>();
        for (Element root : roots) {
            all.addAll(blocks(root));
        }
        return all;
    }

    private void walk(Element element) {
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text) {
                append(text.getWholeText());
            } else if (child instanceof Element e) {
                visit(e);
            }
        }
    }

    private void visit(Element e) {
        String tag = e.tagName();
        if (tag.equals("br")) {
            pendingBreaks++;
            if (pendingBreaks >= 2) {
                flush(current, Block.Kind.PARAGRAPH);
            }
            return;
        }
        if (frontPage && isDate(e)) {
            flush(current, Block.Kind.PARAGRAPH);
            String when = e.hasAttr("datetime") ? e.attr("datetime") : e.text();
            blocks.add(new Block(Block.Kind.DATE, Texts.clean(when), 0, e));
            return;
        }
        if (frontPage && isClassHeadline(e)) {
            flush(current, Block.Kind.PARAGRAPH);
            Element outer = current;
            current = e;
            boolean link = tag.equals("a");
            linkDepth += link ? 1 : 0;
            walk(e);
            linkDepth -= link ? 1 : 0;
            flush(e, Block.Kind.HEADING);
            current = outer;
            return;
        }
        if (tag.equals("table") && isDataTable(e)) {
            flush(current, Block.Kind.PARAGRAPH);
            tableRows(e);
            return;
        }
        if (BLOCK_TAGS.contains(tag)) {
            flush(current, Block.Kind.PARAGRAPH);
            Element outer = current;
            current = e;
            walk(e);
            Block.Kind kind = HEADINGS.contains(tag) ? Block.Kind.HEADING
                    : tag.equals("figcaption") ? Block.Kind.CAPTION : Block.Kind.PARAGRAPH;
            flush(e, kind);
            current = outer;
            return;
        }
        boolean link = tag.equals("a");
        if (link) {
            linkDepth++;
        }
        walk(e);
        if (link) {
            linkDepth--;
        }
    }

    private void append(String raw) {
        String text = Texts.clean(raw);
        boolean leadingSpace = !raw.isEmpty() && Texts.isSpace(raw.charAt(0));
        boolean trailingSpace = !raw.isEmpty() && Texts.isSpace(raw.charAt(raw.length() - 1));
        if (pendingBreaks > 0 && !text.isEmpty()) {
            lineBreak();
        } else if (leadingSpace) {
            space();
        }
        if (!text.isEmpty()) {
            pendingBreaks = 0;
            buffer.append(text);
            if (linkDepth > 0) {
                linkChars += text.length();
            }
            if (trailingSpace) {
                space();
            }
        }
    }

    /** A single line break stays in the block as a newline: the lines of "Title<br>Posted: date" are judged one by one. */
    private void lineBreak() {
        while (!buffer.isEmpty() && buffer.charAt(buffer.length() - 1) == ' ') {
            buffer.setLength(buffer.length() - 1);
        }
        if (!buffer.isEmpty() && buffer.charAt(buffer.length() - 1) != '\n') {
            buffer.append('\n');
        }
    }

    private void space() {
        if (!buffer.isEmpty() && buffer.charAt(buffer.length() - 1) != ' ' && buffer.charAt(buffer.length() - 1) != '\n') {
            buffer.append(' ');
        }
    }

    private void flush(Element source, Block.Kind kind) {
        pendingBreaks = 0;
        String text = buffer.toString().strip();
        if (!text.isEmpty()) {
            blocks.add(new Block(kind, text, Math.min(linkChars, text.length()), source));
        }
        buffer.setLength(0);
        linkChars = 0;
    }

    private void tableRows(Element table) {
        Element caption = table.selectFirst("caption");
        if (caption != null) {
            String text = Texts.clean(caption.text());
            if (!text.isEmpty()) {
                blocks.add(new Block(Block.Kind.PARAGRAPH, text, 0, caption));
            }
        }
        for (Element row : table.select("tr")) {
            List<String> cells = new ArrayList<>();
            int links = 0;
            for (Element cell : row.children()) {
                String text = Texts.clean(cell.text());
                if (!text.isEmpty()) {
                    cells.add(text);
                }
                for (Element a : cell.select("a")) {
                    links += Texts.clean(a.text()).length();
                }
            }
            if (!cells.isEmpty()) {
                String text = String.join(" | ", cells);
                blocks.add(new Block(Block.Kind.PARAGRAPH, text, Math.min(links, text.length()), row));
            }
        }
    }

    /** A {@code <time>}, or a short element named as a date whose text reads as one. */
    private static boolean isDate(Element e) {
        if (e.tagName().equals("time")) {
            return true;
        }
        return Clutter.matches(e, DATE_WORDS, Set.of()) && e.text().length() <= 60
                && PublishedTimes.localDate(e.text()) != null;
    }

    /** A headline marked only by its class: {@code <a class="headline">}, {@code <div class="story-title">}. */
    static boolean isClassHeadline(Element e) {
        return !HEADINGS.contains(e.tagName()) && Clutter.matches(e, HEADLINE_WORDS, Set.of())
                && e.select(HEADING_OR_TEXT_BLOCKS).isEmpty() && e.closest(HEADING_TAGS) == null && !e.text().isBlank();
    }

    /** A table of figures rather than a page laid out in table cells: no cell holds blocks or long text. */
    static boolean isDataTable(Element table) {
        if (!table.select("table table").isEmpty()) {
            return false;
        }
        if (!table.select("td p, td div, td h1, td h2, td h3, td ul").isEmpty()) {
            return false;
        }
        int rows = table.select("tr").size();
        if (rows < 2) {
            return false;
        }
        for (Element cell : table.select("td, th")) {
            if (cell.text().length() > 200) {
                return false;
            }
        }
        return true;
    }
}

package io.steppewire.ingest.sources.feed;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Feed HTML (or plain text) into paragraphs: each block element's text is a paragraph, loose text between blocks and
 * text split by double line breaks too; scripts, styles, embeds and figure captions are dropped. Every Unicode space
 * is a space and runs of white space are one.
 */
public final class HtmlParagraphs {

    private static final String BLOCKS = "p, li, blockquote, h1, h2, h3, h4, h5, h6, pre, dd, dt, td";
    private static final String DROPPED = "script, style, noscript, iframe, object, embed, figcaption, form, button, svg";
    /** Spaces that {@code \s} misses: no-break, figure, narrow and thin spaces, zero-widths, BOM. */
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u1680\\u2000-\\u200d\\u2028\\u2029\\u202f"
            + "\\u205f\\u2060\\u3000\\ufeff]+");

    private HtmlParagraphs() {
    }

    public static List<String> of(String html) {
        Document doc = Jsoup.parseBodyFragment(html.replaceAll("(?i)(<br\\s*/?>\\s*){2,}", "</p><p>"));
        doc.select(DROPPED).remove();
        List<String> paragraphs = new ArrayList<>();
        StringBuilder loose = new StringBuilder();
        collect(doc.body(), paragraphs, loose);
        flush(loose, paragraphs);
        return paragraphs;
    }

    /** The text of an HTML fragment on one line, e.g. a title that carried markup or entities. */
    public static String plainText(String html) {
        return clean(Jsoup.parseBodyFragment(html).text());
    }

    public static String clean(String text) {
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    private static void collect(Element parent, List<String> paragraphs, StringBuilder loose) {
        for (Node node : parent.childNodes()) {
            if (node instanceof TextNode text) {
                String value = text.getWholeText();
                // Plain-text content: blank lines separate paragraphs.
                String[] parts = value.split("\\n\\s*\\n", -1);
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) {
                        flush(loose, paragraphs);
                    }
                    loose.append(parts[i]);
                }
            } else if (node instanceof Element element) {
                if (element.is(BLOCKS) && element.select(BLOCKS).size() == 1) {
                    flush(loose, paragraphs);
                    add(element.text(), paragraphs);
                } else if (element.isBlock() || element.is(BLOCKS)) {
                    flush(loose, paragraphs);
                    collect(element, paragraphs, loose);
                    flush(loose, paragraphs);
                } else if (element.select(BLOCKS).isEmpty()) {
                    loose.append(element.text());
                } else {
                    collect(element, paragraphs, loose);
                }
            }
        }
    }

    private static void flush(StringBuilder loose, List<String> paragraphs) {
        add(loose.toString(), paragraphs);
        loose.setLength(0);
    }

    private static void add(String text, List<String> paragraphs) {
        String cleaned = clean(text);
        if (!cleaned.isEmpty()) {
            paragraphs.add(cleaned);
        }
    }
}

package io.steppewire.ingest.extraction;

import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a front page's currency ticker, in whatever markup it comes (a list, a table row per pair, one scrolling line
 * of text), into the ticker lines of the text page format: {@code • KZT/USD = 0.00201 0.12%}. A quote is the smallest
 * element whose text holds a pair, a rate and a change in percent; arrows (▲ ▼) and classes such as {@code down}
 * give the change its sign when the number has none. Rates keep the digits they were quoted with.
 */
final class TickerReader {

    private static final String NUMBER = "\\d{1,3}(?:[ ,\\u00a0\\u202f]\\d{3})+(?:\\.\\d+)?|\\d+(?:[.,]\\d+)?";
    private static final Pattern QUOTE = Pattern.compile(
            "\\b([A-Z]{3})\\s*/\\s*([A-Z]{3})\\b\\s*[=:]?\\s*(" + NUMBER + ")\\s*\\(?\\s*([▲▼↑↓+\\-−–]?)\\s*(\\d+(?:[.,]\\d+)?)\\s*%");
    private static final Set<String> FALLING = Set.of("down", "fall", "falling", "negative", "minus", "decrease",
            "red", "loss", "dn");

    private TickerReader() {
    }

    /** The page's distinct quotes as ticker lines, in page order: the first at column 0, the others indented. */
    static List<String> tickerLines(Element body) {
        Set<String> quotes = new LinkedHashSet<>();
        for (Element host : hosts(body)) {
            Matcher m = QUOTE.matcher(Texts.clean(host.text()));
            while (m.find()) {
                String pair = m.group(1) + "/" + m.group(2);
                String rate = rate(m.group(3));
                String change = m.group(5).replace(',', '.');
                boolean falling = switch (m.group(4)) {
                    case "▼", "↓", "-", "−", "–" -> true;
                    case "" -> fallsByClass(host, m.group(5));
                    default -> false;
                };
                quotes.add(pair + " = " + rate + " " + (falling ? "-" : "") + change + "%");
            }
        }
        List<String> lines = new ArrayList<>();
        for (String quote : quotes) {
            lines.add((lines.isEmpty() ? "" : "  ") + "• " + quote);
        }
        return lines;
    }

    /** Takes the quotes out of the page once they are read, so that no story takes them for text. */
    static void removeQuotes(Element body) {
        for (Element host : hosts(body)) {
            if (host.parent() != null && host != body) {
                host.remove();
            }
        }
    }

    /** The smallest elements holding at least one whole quote: a child holding one too makes its parent no host. */
    private static List<Element> hosts(Element body) {
        List<Element> hosts = new ArrayList<>();
        collect(body, hosts);
        return hosts;
    }

    private static boolean collect(Element element, List<Element> hosts) {
        boolean childHolds = false;
        for (Element child : element.children()) {
            childHolds |= collect(child, hosts);
        }
        if (childHolds) {
            return true;
        }
        String text = element.text();
        if (text.length() > 5_000 || text.indexOf('/') < 0 || text.indexOf('%') < 0) {
            return false;
        }
        if (QUOTE.matcher(Texts.clean(text)).find()) {
            hosts.add(element);
            return true;
        }
        return false;
    }

    /** An unsigned change shown in red or under an arrow class: the element holding the number says so by its class. */
    private static boolean fallsByClass(Element host, String change) {
        for (Element element : host.getAllElements()) {
            if (element.ownText().contains(change) || element.text().strip().startsWith(change)) {
                for (Element e = element; e != null && e != host.parent(); e = e.parent()) {
                    if (Clutter.matches(e, FALLING, Set.of())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A rate as a plain decimal: grouping spaces dropped; with both a comma and a point the first one groups thousands;
     * a lone comma is a decimal comma unless exactly three digits follow a non-zero whole part (12,845).
     */
    static String rate(String written) {
        String text = written.replaceAll("[ \\u00a0\\u202f]", "");
        int comma = text.indexOf(',');
        int point = text.indexOf('.');
        if (comma >= 0 && point >= 0) {
            return comma < point ? text.replace(",", "") : text.replace(".", "").replace(',', '.');
        }
        if (comma >= 0) {
            String whole = text.substring(0, comma);
            String fraction = text.substring(comma + 1);
            boolean thousands = text.indexOf(',', comma + 1) > 0
                    || (fraction.length() == 3 && !whole.startsWith("0"));
            return thousands ? text.replace(",", "") : text.replace(',', '.');
        }
        return text.toUpperCase(Locale.ROOT);
    }
}

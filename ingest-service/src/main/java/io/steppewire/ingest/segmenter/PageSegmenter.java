package io.steppewire.ingest.segmenter;

import io.steppewire.events.SaneDecimals;
import io.steppewire.events.article.BodyBlock;
import io.steppewire.events.fx.CurrencyPair;
import io.steppewire.ingest.text.UnicodeSpaces;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a flattened news page (see docs/services/ingest-service.md, "Page format") into its ticker
 * quotes, its date and its articles, and says for every line which role it got and why.
 * Stateless and thread-safe; never throws on any text.
 */
public final class PageSegmenter {

    private enum Shape { BLANK, TICKER, DATE, CAPTION, BOILERPLATE, TEXT }

    private enum ItemKind { HEADING, PARAGRAPH, CAPTION, DATE }

    /** A unit the article walk looks at: one heading, one (possibly wrapped) paragraph, a caption or a date. */
    private record Item(ItemKind kind, int firstLine, int lastLine, String text, @Nullable String detail,
                        @Nullable LocalDate date) {
    }

    public SegmentedPage segment(String page) {
        List<String> given = splitLines(page);
        // Every rule below reads the line with its Unicode spaces made plain; the classified lines keep what was sent.
        List<String> lines = new ArrayList<>(given.size());
        for (String line : given) {
            lines.add(UnicodeSpaces.plain(line));
        }
        int n = lines.size();
        LineRole[] roles = new LineRole[n];
        String[] reasons = new String[n];
        Shape[] shapes = new Shape[n];
        LocalDate[] dates = new LocalDate[n];
        String[] credits = new String[n];
        Map<String, TickerQuote> quotes = new LinkedHashMap<>();

        for (int i = 0; i < n; i++) {
            shapes[i] = shapeOf(lines.get(i), i, roles, reasons, dates, credits, quotes);
        }
        List<Item> items = items(lines, shapes, dates, credits, roles, reasons);
        ArticleWalk walk = new ArticleWalk(roles, reasons);
        for (int k = 0; k < items.size(); k++) {
            Item next = k + 1 < items.size() ? items.get(k + 1) : null;
            walk.accept(items.get(k), next);
        }
        List<ClassifiedLine> classified = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            classified.add(new ClassifiedLine(i + 1, given.get(i), roles[i], reasons[i]));
        }
        return new SegmentedPage(walk.pageDate, List.copyOf(quotes.values()), walk.finish(), classified);
    }

    private static Shape shapeOf(String line, int i, LineRole[] roles, String[] reasons, LocalDate[] dates,
                                 String[] credits, Map<String, TickerQuote> quotes) {
        if (LineShapes.isBlank(line)) {
            roles[i] = LineRole.BLANK;
            reasons[i] = "blank: holds nothing but white space";
            return Shape.BLANK;
        }
        LineShapes.Ticker ticker = LineShapes.ticker(line);
        if (ticker != null) {
            roles[i] = LineRole.TICKER;
            reasons[i] = tickerReason(ticker, i + 1, quotes);
            return Shape.TICKER;
        }
        LocalDate date = LineShapes.date(line);
        if (date != null) {
            roles[i] = LineRole.DATE;
            dates[i] = date;
            return Shape.DATE;
        }
        String credit = LineShapes.captionCredit(line);
        if (credit != null) {
            roles[i] = LineRole.CAPTION;
            credits[i] = credit;
            reasons[i] = "caption: an image credit line ('image:'), dropped from the body"
                    + (credit.isEmpty() ? "" : "; credit '" + credit + "' kept");
            return Shape.CAPTION;
        }
        if (LineShapes.isBoilerplate(line)) {
            roles[i] = LineRole.BOILERPLATE;
            reasons[i] = "boilerplate: a site notice such as 'Follow our coverage ... here', dropped";
            return Shape.BOILERPLATE;
        }
        return Shape.TEXT;
    }

    private static String tickerReason(LineShapes.Ticker ticker, int lineNumber, Map<String, TickerQuote> quotes) {
        TickerQuote seen = quotes.get(ticker.pair());
        if (seen != null && seen.rate().toPlainString().equals(ticker.rate())
                && seen.changePct().toPlainString().equals(ticker.changePct())) {
            return "ticker: repeats the " + ticker.pair() + " quote of line " + seen.line() + ", counted once";
        }
        BigDecimal rate;
        BigDecimal change;
        try {
            // Bounded before anything formats or compares them: no exponent, at most 30 digits, sane magnitudes.
            rate = SaneDecimals.rate(SaneDecimals.parse(ticker.rate(), "the rate"), "the rate");
            change = SaneDecimals.percent(SaneDecimals.parse(ticker.changePct(), "the change"), "the change");
            CurrencyPair.parse(ticker.pair());
        } catch (IllegalArgumentException e) {
            return "ticker: not a usable quote, ignored: " + e.getMessage();
        }
        TickerQuote earlier = quotes.get(ticker.pair());
        if (earlier == null) {
            quotes.put(ticker.pair(), new TickerQuote(ticker.pair(), rate, change, lineNumber));
            return "ticker: quote " + ticker.pair() + " = " + ticker.rate() + " (" + ticker.changePct() + "%)";
        }
        if (earlier.rate().equals(rate) && earlier.changePct().compareTo(change) == 0) {
            return "ticker: repeats the " + ticker.pair() + " quote of line " + earlier.line() + ", counted once";
        }
        return "ticker: differs from the " + ticker.pair() + " quote of line " + earlier.line()
                + "; the first quote on the page counts";
    }

    /** Groups consecutive text lines into blocks: a heading-shaped first line stands alone, the rest is one paragraph. */
    private static List<Item> items(List<String> lines, Shape[] shapes, LocalDate[] dates, String[] credits,
                                    LineRole[] roles, String[] reasons) {
        List<Item> items = new ArrayList<>();
        int n = lines.size();
        int i = 0;
        while (i < n) {
            switch (shapes[i]) {
                case DATE -> items.add(new Item(ItemKind.DATE, i, i, lines.get(i).strip(), null, dates[i]));
                case CAPTION -> items.add(new Item(ItemKind.CAPTION, i, i, lines.get(i).strip(), credits[i], null));
                case TEXT -> {
                    int end = i;
                    while (end + 1 < n && shapes[end + 1] == Shape.TEXT) {
                        end++;
                    }
                    String first = lines.get(i).strip();
                    String whyNot = LineShapes.whyNotHeading(first);
                    int paragraphStart = i;
                    if (whyNot == null) {
                        items.add(new Item(ItemKind.HEADING, i, i, first, null, null));
                        paragraphStart = i + 1;
                    }
                    if (paragraphStart <= end) {
                        StringBuilder text = new StringBuilder();
                        for (int j = paragraphStart; j <= end; j++) {
                            if (!text.isEmpty()) {
                                text.append(' ');
                            }
                            text.append(lines.get(j).strip());
                            if (j > paragraphStart) {
                                reasons[j] = "paragraph: continues the line above (wrapped, no blank line between), joined";
                            }
                        }
                        String why = paragraphStart == i ? "not a heading: " + whyNot
                                : "the text right under a heading line with no blank line between";
                        reasons[paragraphStart] = "paragraph: " + why
                                + (end > paragraphStart ? "; " + (end - paragraphStart + 1) + " wrapped lines joined" : "");
                        items.add(new Item(ItemKind.PARAGRAPH, paragraphStart, end, text.toString(), null, null));
                    }
                    i = end;
                }
                default -> {
                    // Blank, ticker and boilerplate lines already have their role and reason.
                }
            }
            i++;
        }
        return items;
    }

    /** Walks the items in page order, opening an article at each title. */
    private static final class ArticleWalk {

        private final LineRole[] roles;
        private final String[] reasons;
        private final List<SegmentedArticle> articles = new ArrayList<>();
        @Nullable LocalDate pageDate;

        private @Nullable String title;
        private int titleLine;
        private final List<BodyBlock> body = new ArrayList<>();
        private final List<String> credits = new ArrayList<>();
        private @Nullable LocalDate ownDate;
        private int paragraphs;
        private int subheadings;
        private boolean captionJustAbove;
        /** The article's title, subheadings and lede: what it is about, for shared-word evidence. */
        private final Set<String> articleStems = new HashSet<>();
        private @Nullable String lastParagraph;

        ArticleWalk(LineRole[] roles, String[] reasons) {
            this.roles = roles;
            this.reasons = reasons;
        }

        void accept(Item item, @Nullable Item next) {
            switch (item.kind()) {
                case HEADING -> heading(item, next);
                case PARAGRAPH -> paragraph(item);
                case CAPTION -> caption(item);
                case DATE -> date(item);
            }
        }

        private void heading(Item item, @Nullable Item next) {
            String nextParagraph = next != null && next.kind() == ItemKind.PARAGRAPH ? next.text() : null;
            HeadingEvidence.Verdict verdict = HeadingEvidence.weigh(new HeadingEvidence.Context(item.text(),
                    title != null, paragraphs, subheadings, captionJustAbove, nextParagraph, articleStems,
                    paragraphs > 1 ? lastParagraph : null));
            set(item.firstLine(), verdict.title() ? LineRole.TITLE : LineRole.SUBHEADING, verdict.reason());
            if (verdict.title()) {
                closeArticle();
                title = item.text();
                titleLine = item.firstLine() + 1;
            } else {
                body.add(BodyBlock.subheading(item.text()));
                subheadings++;
            }
            HeadingEvidence.addStems(item.text(), articleStems);
            captionJustAbove = false;
        }

        private void paragraph(Item item) {
            captionJustAbove = false;
            if (title == null) {
                for (int line = item.firstLine(); line <= item.lastLine(); line++) {
                    set(line, LineRole.BOILERPLATE, "boilerplate: text before the first title belongs to no article");
                }
                return;
            }
            for (int line = item.firstLine(); line <= item.lastLine(); line++) {
                roles[line] = LineRole.PARAGRAPH;
            }
            body.add(BodyBlock.paragraph(item.text()));
            paragraphs++;
            if (paragraphs == 1) {
                HeadingEvidence.addStems(item.text(), articleStems);
            }
            lastParagraph = item.text();
        }

        private void caption(Item item) {
            if (title == null) {
                reasons[item.firstLine()] = "caption: an image credit outside any article, dropped";
                return;
            }
            if (item.detail() != null && !item.detail().isEmpty() && !credits.contains(item.detail())) {
                credits.add(item.detail());
            }
            captionJustAbove = true;
        }

        private void date(Item item) {
            LocalDate date = item.date();
            if (title == null && pageDate == null) {
                pageDate = date;
                reasons[item.firstLine()] = "date: the page's capture date, the date of its quotes and articles";
            } else if (title != null && paragraphs == 0 && subheadings == 0 && ownDate == null) {
                ownDate = date;
                reasons[item.firstLine()] = "date: stands right under the title, the article's own publication date";
            } else {
                reasons[item.firstLine()] = "date: a further date line that dates nothing, ignored";
            }
        }

        private void set(int line, LineRole role, String reason) {
            roles[line] = role;
            reasons[line] = reason;
        }

        private void closeArticle() {
            if (title != null) {
                articles.add(new SegmentedArticle(title, titleLine, body, credits, ownDate));
            }
            title = null;
            body.clear();
            credits.clear();
            ownDate = null;
            paragraphs = 0;
            subheadings = 0;
            articleStems.clear();
            lastParagraph = null;
        }

        List<SegmentedArticle> finish() {
            closeArticle();
            return List.copyOf(articles);
        }
    }

    /**
     * The number of lines {@link #segment} would see, counted without splitting: callers bound a page by it before
     * segmenting, since the parse keeps a few objects per line however short the line is.
     */
    public static int lineCount(String page) {
        int count = 0;
        int start = 0;
        int n = page.length();
        for (int i = 0; i < n; i++) {
            char c = page.charAt(i);
            if (c == '\n' || c == '\r') {
                count++;
                if (c == '\r' && i + 1 < n && page.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        return start < n ? count + 1 : count;
    }

    /** Splits on \n, \r\n and \r; a final line break does not make an extra empty line. */
    static List<String> splitLines(String page) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = page.length();
        for (int i = 0; i < n; i++) {
            char c = page.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(page.substring(start, i));
                if (c == '\r' && i + 1 < n && page.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            lines.add(page.substring(start));
        }
        return lines;
    }
}

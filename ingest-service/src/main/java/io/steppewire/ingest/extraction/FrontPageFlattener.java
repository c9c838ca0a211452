package io.steppewire.ingest.extraction;

import io.steppewire.ingest.segmenter.PageSegmenter;
import io.steppewire.ingest.segmenter.SegmentedArticle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flattens an HTML front page into the text page that {@code POST /api/pages} receives and the segmenter reads
 * (docs/page-format.md): the ticker lines, the page's date line, then each story as a title line, its own date line
 * when it has one, and its paragraphs, subheadings and photo credits, all separated by blank lines. Stories are
 * found by their headlines: a headline opens a story when it is linked or the first headline of its story box; other
 * headlines inside a story stay as its subheadings. Headlines are written in Title Case without a final period, as the
 * format asks; stories without text, navigation, ads, share buttons and the like are left out. Stateless and
 * thread-safe; never throws on any HTML.
 */
public final class FrontPageFlattener {

    /** Boxes that hold one story each. */
    private static final Set<String> STORY_WORDS = Set.of("story", "teaser", "card", "item", "post", "entry",
            "article", "lead", "feature", "brief", "news", "headline", "tile");
    private static final Pattern CREDIT = Pattern.compile(
            "(?iu)(?:^|[.;,]\\s*|\\s)(?:photo|image|picture|photograph|фото)(?:\\s*credit)?\\s*:\\s*(.+?)\\s*\\.?$");
    private static final Evaluator LINK = QueryParser.parse("a[href]");
    private static final Evaluator HEADLINE_CANDIDATES = QueryParser.parse("h1, h2, h3, h4, h5, h6, a, div, span");
    private static final String CREDIT_LINE = "Image: ";
    private static final PageSegmenter SEGMENTER = new PageSegmenter();
    /** How far the page's own masthead date may stand from the fetch day and still be taken. */
    private static final int MASTHEAD_DAYS = 1;

    public String flatten(String html, URI baseUrl, Instant fetchedAt) {
        Document document = Jsoup.parse(html, baseUrl.toString());
        List<String> ticker = TickerReader.tickerLines(document.body());
        LocalDate pageDate = pageDate(document, fetchedAt);
        Clutter.removeFromFrontPage(document);
        TickerReader.removeQuotes(document.body());
        List<Story> stories = stories(BlockWalker.frontPageBlocks(document.body()), pageDate);
        String page = render(ticker, pageDate, stories);
        return withoutMisreadDates(page, ticker, pageDate, stories);
    }

    /**
     * A story's own date line stands between its headline and its first paragraph, where the segmenter looks for
     * evidence that the headline opens an article; a short headline after a feature with subheadings can then be
     * read as one more subheading. Reading the page back with the segmenter finds such stories: their date lines
     * are dropped (they take the page's date) so that no story is lost into the one above.
     */
    private static String withoutMisreadDates(String page, List<String> ticker, LocalDate pageDate, List<Story> stories) {
        if (stories.stream().noneMatch(s -> s.ownDate != null)) {
            return page;
        }
        Set<String> titles = new HashSet<>();
        for (SegmentedArticle article : SEGMENTER.segment(page).articles()) {
            titles.add(article.title());
        }
        boolean changed = false;
        for (Story story : stories) {
            if (story.ownDate != null && !titles.contains(story.title)) {
                story.ownDate = null;
                changed = true;
            }
        }
        return changed ? render(ticker, pageDate, stories) : page;
    }

    private static final class Story {
        final String title;
        final Element headline;
        final @Nullable Element box;
        final int level;
        @Nullable LocalDate ownDate;
        final List<String> lines = new ArrayList<>();
        int paragraphs;

        Story(String title, Element headline, @Nullable Element box, int level) {
            this.title = title;
            this.headline = headline;
            this.box = box;
            this.level = level;
        }
    }

    // ---- the page date ----

    /**
     * The day the page shows in its masthead, when that is within a day of the fetch (a page of Almaty fetched at
     * 23:00 UTC already shows tomorrow); otherwise the fetch day in UTC.
     */
    private static LocalDate pageDate(Document document, Instant fetchedAt) {
        LocalDate fetchDay = LocalDate.ofInstant(fetchedAt, ZoneOffset.UTC);
        for (Element element : document.body().select("time, [class*=date], [class*=today], [id*=date]")) {
            if (storyBox(element) != null || element.text().length() > 60) {
                continue;
            }
            LocalDate shown = PublishedTimes.localDate(element.hasAttr("datetime") ? element.attr("datetime")
                    : element.text());
            if (shown != null && Math.abs(shown.toEpochDay() - fetchDay.toEpochDay()) <= MASTHEAD_DAYS) {
                return shown;
            }
        }
        return fetchDay;
    }

    // ---- stories ----

    private static List<Story> stories(List<Block> blocks, LocalDate pageDate) {
        List<Story> stories = new ArrayList<>();
        Story current = null;
        for (Block block : blocks) {
            switch (block.kind()) {
                case HEADING -> {
                    String text = block.joined();
                    Element box = storyBox(block.source());
                    if (current == null || opensStory(block, box, current)) {
                        current = new Story(Headlines.asTitleLine(text), block.source(), box, block.headingLevel());
                        stories.add(current);
                    } else if (!Furniture.isFurniture(text, "", null)) {
                        current.lines.add(Headlines.asTitleLine(text));
                    }
                }
                case DATE -> {
                    // A story's own date stands under its headline, or anywhere in its own box (cards put it last).
                    boolean ownBox = current != null && current.box != null && contains(current.box, block.source());
                    if (current != null && current.ownDate == null && (current.paragraphs == 0 || ownBox)) {
                        LocalDate own = PublishedTimes.localDate(block.text());
                        current.ownDate = own != null && !own.equals(pageDate) ? own : null;
                    }
                }
                case CAPTION -> {
                    String credit = credit(block.joined());
                    if (current != null && credit != null) {
                        current.lines.add(CREDIT_LINE + credit);
                    }
                }
                case PARAGRAPH -> {
                    // Past the end of the story's own box, text that no headline opens is page furniture.
                    if (current == null || block.linkDensity() > 0.5
                            || current.box != null && !contains(current.box, block.source()) && storyBox(block.source()) == null) {
                        continue;
                    }
                    String title = Texts.comparable(current.title);
                    List<String> kept = new ArrayList<>();
                    for (String line : block.lines()) {
                        if (!Furniture.isFurniture(line, title, null)) {
                            kept.add(line);
                        }
                    }
                    if (!kept.isEmpty()) {
                        current.lines.add(String.join(" ", kept));
                        current.paragraphs++;
                    }
                }
            }
        }
        List<Story> withText = stories.stream().filter(s -> s.paragraphs > 0).toList();
        withText.forEach(FrontPageFlattener::keepCreditOffTheEnd);
        return withText;
    }

    /**
     * A caption right above a headline is the segmenter's sign of a feature's next section, so a credit that ends a
     * story moves above the story's last paragraph, where it still belongs to the same story.
     */
    private static void keepCreditOffTheEnd(Story story) {
        List<String> lines = story.lines;
        int last = lines.size() - 1;
        if (last > 0 && lines.get(last).startsWith(CREDIT_LINE) && !lines.get(last - 1).startsWith(CREDIT_LINE)) {
            lines.add(last - 1, lines.remove(last));
        }
    }

    /**
     * A headline inside the current story's box is its subheading. Otherwise it opens a new story when it has a story
     * box of its own, when it is a link (teasers link to their article; subheadings do not), or when it ranks no
     * lower than the current story's title.
     */
    private static boolean opensStory(Block heading, @Nullable Element box, Story current) {
        if (current.box != null && contains(current.box, heading.source())) {
            return false;
        }
        if (box != null || isLinked(heading.source())) {
            return true;
        }
        return heading.headingLevel() <= current.level;
    }

    /**
     * The nearest element around a headline that holds one story: an article, a list item or a box named like a story,
     * holding no other linked headline. A box holding several is a list of stories, not one.
     */
    static @Nullable Element storyBox(Element element) {
        for (Element box = element.parent(); box != null && !box.tagName().equals("body"); box = box.parent()) {
            boolean named = box.tagName().equals("article") || box.tagName().equals("li")
                    || Clutter.matches(box, STORY_WORDS, Set.of());
            if (named) {
                return linkedHeadlines(box) <= 1 ? box : null;
            }
        }
        return null;
    }

    private static int linkedHeadlines(Element box) {
        int headlines = 0;
        for (Element heading : box.select(HEADLINE_CANDIDATES)) {
            boolean headline = heading.tagName().length() == 2 && heading.tagName().charAt(0) == 'h'
                    || BlockWalker.isClassHeadline(heading);
            if (headline && isLinked(heading)) {
                headlines++;
            }
        }
        return headlines;
    }

    private static boolean isLinked(Element heading) {
        return heading.tagName().equals("a") || heading.selectFirst(LINK) != null || heading.closest(LINK) != null;
    }

    private static boolean contains(Element ancestor, Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            if (e == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String credit(String caption) {
        Matcher m = CREDIT.matcher(caption);
        return m.find() && !m.group(1).isBlank() ? m.group(1).strip() : null;
    }

    // ---- the text page ----

    private static String render(List<String> ticker, LocalDate pageDate, List<Story> stories) {
        StringBuilder page = new StringBuilder();
        for (String line : ticker) {
            page.append(line).append('\n');
        }
        page.append(dateLine(pageDate)).append('\n');
        for (Story story : stories) {
            page.append('\n').append(story.title).append('\n');
            if (story.ownDate != null) {
                page.append(dateLine(story.ownDate)).append('\n');
            }
            for (String line : story.lines) {
                page.append('\n').append(line).append('\n');
            }
        }
        return page.toString();
    }

    /** {@code 14 March 2026}, the date line of the page format. */
    static String dateLine(LocalDate date) {
        return date.getDayOfMonth() + " " + Months.english(date.getMonthValue()) + " " + date.getYear();
    }
}

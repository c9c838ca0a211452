package io.steppewire.ingest.extraction;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Extracts the main content of one article page, readability-style: the title, publication time, byline and
 * language the page declares (JSON-LD, meta tags, {@code <time>}, the visible page), and the body paragraphs of
 * the element that scores as the article (see {@link ContentFinder}), after navigation, ads, share buttons,
 * related links, captions, newsletter boxes and cookie banners are removed ({@link Clutter}). Stateless and
 * thread-safe; never throws on any HTML.
 */
public final class ArticleExtractor {

    /** Short blocks that are page furniture in any layout: labels, prompts, credits, cookie notices. */
    private static final Pattern FURNITURE = Pattern.compile("(?iu)^(?:"
            + "advertisement|advert|ad|sponsored(?: content)?|реклама|партнёрский материал"
            + "|share(?: this)?(?: article| story| on .{1,40})?:?|поделиться:?"
            + "|(?:read|see) (?:more|also)\\b.{0,200}|also read\\b.{0,200}|more on this (?:story|topic):?"
            + "|related(?: stories| articles| coverage| news)?(?:\\s*:.{0,200})?|читайте также.{0,200}|по теме(?:\\s*:.{0,200})?"
            + "|(?:subscribe|sign up)\\b.{0,160}\\b(?:newsletters?|channel|inbox|updates|e-?mail|here|now|today"
            + "|subscribers?|access|reading|alerts)\\b.{0,80}|подпис(?:ывайтесь|аться)\\b.{0,200}"
            + "|(?:media|press) (?:contact|enquiries|inquiries)\\s*:.{0,200}|for (?:media|press) (?:enquiries|inquiries)\\b.{0,200}"
            + "|follow us\\b.{0,200}|следите за нами.{0,200}"
            + "|.{0,40}\\b(?:uses|use) cookies\\b.{0,300}|accept(?: all)?(?: cookies)?|мы используем cookie.{0,300}"
            + "|(?:photo|image|picture|фото|изображение)(?: credit)?\\s*:.{0,200}"
            + "|(?:continue reading|read the full (?:story|article)|to read the rest\\b).{0,200}"
            + "|(?:comments?|комментари[йи])(?:\\s*\\(\\d+\\))?:?"
            + "|(?:tags|теги|topics)\\s*:.{0,200}"
            + "|listen to (?:this|the) article.{0,40}|print(?: this)?(?: article| page)?|e-?mail(?: this)?(?: article)?"
            + "|copy link|скопировать ссылку"
            + ")$");
    /** The end mark of a press release or wire story: nothing after it is the story. */
    private static final Pattern END_MARK = Pattern.compile("(?i)#{3}|-\\s*ends?\\s*-|- ?30 ?-");
    /** A clock time alone: the stamp of a live-blog entry. */
    private static final Pattern CLOCK = Pattern.compile(
            "(?iu)^(?:\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*(?:utc|gmt|[a-z]{3,4}))?|\\d{1,3} (?:min|mins|minutes|hours?) ago)$");
    private static final int FURNITURE_MAX_CHARS = 320;

    public ExtractedArticle extract(String html, URI url) {
        Document document = Jsoup.parse(html, url.toString());
        PageFacts.Facts facts = PageFacts.read(document);
        Clutter.remove(document);
        List<Element> content = ContentFinder.find(document.body(), headlineElement(document, facts.title()));
        List<String> paragraphs = paragraphs(BlockWalker.blocks(content), facts);
        return new ExtractedArticle(facts.title(), facts.publishedAt(), facts.byline(), paragraphs, facts.lang());
    }

    private static @Nullable Element headlineElement(Document document, String title) {
        String wanted = Texts.comparable(title);
        if (wanted.isEmpty()) {
            return null;
        }
        for (Element element : document.select("h1, h2, [itemprop=headline]")) {
            if (Texts.comparable(element.text()).equals(wanted)) {
                return element;
            }
        }
        return null;
    }

    private static List<String> paragraphs(List<Block> blocks, PageFacts.Facts facts) {
        List<Block> kept = new ArrayList<>();
        String title = Texts.comparable(facts.title());
        for (Block block : blocks) {
            if (block.kind() == Block.Kind.CAPTION || block.linkDensity() > 0.5) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            for (String line : block.lines()) {
                if (END_MARK.matcher(line).matches()) {
                    return texts(kept);
                }
                if (keeps(line, title, facts.byline())) {
                    lines.add(line);
                }
            }
            if (!lines.isEmpty()) {
                kept.add(new Block(block.kind(), String.join(" ", lines), block.linkChars(), block.source()));
            }
        }
        return texts(kept);
    }

    private static List<String> texts(List<Block> kept) {
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            Block block = kept.get(i);
            // A heading with no text after it before the next heading heads nothing: a box title such as "In brief".
            if (block.kind() == Block.Kind.HEADING
                    && (i + 1 == kept.size() || kept.get(i + 1).kind() == Block.Kind.HEADING)) {
                continue;
            }
            if (paragraphs.isEmpty() || !paragraphs.getLast().equals(block.text())) {
                paragraphs.add(block.text());
            }
        }
        return paragraphs;
    }

    private static boolean keeps(String text, String title, @Nullable String byline) {
        if (text.isEmpty()) {
            return false;
        }
        if (!title.isEmpty() && Texts.comparable(text).equals(title)) {
            return false;
        }
        if (text.length() <= FURNITURE_MAX_CHARS && FURNITURE.matcher(text).matches()) {
            return false;
        }
        if (text.length() <= 40 && CLOCK.matcher(text).matches()) {
            return false;
        }
        return text.length() > 120 || !isBylineOrDate(text, byline);
    }

    /** A line that only says who wrote the article or when: "By A. Name", "14 March 2026, 09:30", "Updated ...". */
    private static boolean isBylineOrDate(String text, @Nullable String byline) {
        if (byline != null && Texts.comparable(text).equals(Texts.comparable(byline))) {
            return true;
        }
        for (String part : text.split("\\s[|·•]\\s")) {
            if (PageFacts.prefixedByline(part) != null) {
                return true;
            }
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("updated") || lower.startsWith("last updated") || lower.startsWith("обновлено")) {
            return true;
        }
        String withoutLabel = PageFacts.withoutDateLabel(text);
        if (PublishedTimes.parse(withoutLabel) != null) {
            return true;
        }
        // "By A. Name | 14 March 2026" and "14 March 2026 | 3 min read"
        for (String part : text.split("\\s[|·•]\\s")) {
            if (PublishedTimes.parse(PageFacts.withoutDateLabel(part)) != null) {
                return true;
            }
        }
        return false;
    }
}

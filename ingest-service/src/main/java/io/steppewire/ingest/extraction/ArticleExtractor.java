package io.steppewire.ingest.extraction;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts the main content of one article page, readability-style: the title, publication time, byline and
 * language the page declares (JSON-LD, meta tags, {@code <time>}, the visible page), and the body paragraphs of
 * the element that scores as the article (see {@link ContentFinder}), after navigation, ads, share buttons,
 * related links, captions, newsletter boxes and cookie banners are removed ({@link Clutter}). Stateless and
 * thread-safe; never throws on any HTML.
 */
public final class ArticleExtractor {

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
                if (Furniture.isEndMark(line)) {
                    return texts(kept);
                }
                if (!Furniture.isFurniture(line, title, facts.byline())) {
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
}

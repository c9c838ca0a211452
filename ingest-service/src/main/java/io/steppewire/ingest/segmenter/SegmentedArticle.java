package io.steppewire.ingest.segmenter;

import io.steppewire.events.article.BodyBlock;
import org.jspecify.annotations.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * One article as the segmenter split it out of a page.
 *
 * @param title        the headline
 * @param titleLine    the line number of the headline
 * @param body         paragraphs (wrapped lines joined) and subheadings in reading order
 * @param imageCredits credits taken from the captions that were dropped from the body
 * @param ownDate      a date line standing right under the title; absent when the page date applies
 */
public record SegmentedArticle(String title, int titleLine, List<BodyBlock> body, List<String> imageCredits,
                               @Nullable LocalDate ownDate) {

    public SegmentedArticle {
        body = List.copyOf(body);
        imageCredits = List.copyOf(imageCredits);
    }

    public List<String> paragraphs() {
        return body.stream().filter(b -> b.kind() == BodyBlock.Kind.PARAGRAPH).map(BodyBlock::text).toList();
    }

    public String lede() {
        return paragraphs().stream().findFirst().orElse("");
    }
}
